import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './processes.ts';
import { benchWebhooks, describeWebhookBench } from './webhook-bench.ts';
const dir = mkdtempSync(join(tmpdir(), 'agora-wb-'));
const hello = await startServer('bench/hello-server.ts', { logFile: join(dir, 'hello.log') });
try {
  const r = await benchWebhooks({ dir, helloUrl: hello.url, seconds: Number(process.env.BENCH_SECONDS ?? 10), connections: 32, helloWorkers: 2 });
  console.log(JSON.stringify(r, null, 2));
  for (const line of describeWebhookBench(r)) console.log(line);
} finally { await hello.stop(); console.log(dir); }
