import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad, type LoadResult } from './load.ts';
import { benchTally, prepareBallotBench, rawInsertBaseline } from './decisions-bench.ts';
import { prepareHubDatabase } from './prepare-hub.ts';
import { startServer } from './processes.ts';
import { benchDiscord, describeDiscordBench, type DiscordBench } from './discord-bench.ts';
import { benchWebhooks, describeWebhookBench, type WebhookBench } from './webhook-bench.ts';

/**
 * `npm run bench`: training-report ingestion and read throughput of the hub, each against a Hono
 * hello-world started in the same run, so the ratios hold whatever the machine, the GitHub
 * webhook path end to end (bench/webhook-bench.ts) and a Discord vote button's round trip
 * (bench/discord-bench.ts). Servers run in their
 * own processes; the load comes from this one (autocannon). Results go to bench/results/.
 */
const TARGETS = { reportsPerSecond: 2000, readRatioToHelloWorld: 0.5, tallyOf100kBallotsMs: 50, ballotsPerSecond: 1000 };
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
/**
 * GET loads run on two autocannon threads: with one, parsing the hub's larger answers (a page of
 * models and its headers against hello-world's 17 bytes) makes the generator the bottleneck, and
 * the ratio would measure autocannon rather than the hub. Both servers are measured the same way.
 */
const READ_WORKERS = Number(process.env.BENCH_READ_WORKERS ?? 2);

const dir = mkdtempSync(join(tmpdir(), 'agora-bench-'));
const databaseUrl = `file:${join(dir, 'agora.db')}`;
const { reporterToken, runId, readRunId } = await prepareHubDatabase(databaseUrl);
const { proposalId, tokens: voterTokens } = await prepareBallotBench(databaseUrl);
const tally = benchTally();
const hubEnv = { DATABASE_URL: databaseUrl, AGORA_SKIP_SITE: 'true', AGORA_DEMO: 'false', LOG_LEVEL: 'info' };

const hello = await startServer('bench/hello-server.ts', { logFile: join(dir, 'hello.log') });
const hub = await startServer('api/server.ts', { env: hubEnv, logFile: join(dir, 'hub.log'), readyPath: '/api/v1/health' });
/** A load's figures; reads also carry their ratio to the hello-world run just before them. */
type Measured = LoadResult & { ratio?: number; helloWorldPerSecond?: number };
const results: Record<string, Measured> = {};
let webhooks: WebhookBench | undefined;
let discord: DiscordBench | undefined;
/**
 * A read of the hub against hello-world, the two taken in turns (hello, hub, hub, hello, ...) in
 * short slices of the same total length, and the ratio taken between their totals: this machine's
 * speed drifts by half within minutes, so two long loads one after the other (or a baseline taken
 * once at the start) would make the ratio measure the drift rather than the hub. Latencies are the
 * middle slice's p50 and the worst slice's p99 and max.
 */
async function againstHelloWorld(url: string): Promise<Measured> {
  const slices = { hello: [] as LoadResult[], hub: [] as LoadResult[] };
  const slice = (target: string) => runLoad({ url: target, durationSeconds: SECONDS / READ_SLICES, connections: CONNECTIONS, workers: READ_WORKERS });
  for (let turn = 0; turn < READ_SLICES; turn++) {
    const order = turn % 2 === 0 ? (['hello', 'hub'] as const) : (['hub', 'hello'] as const);
    for (const which of order) slices[which].push(await slice(which === 'hello' ? `${hello.url}/` : url));
  }
  const read = combine(slices.hub);
  const baseline = combine(slices.hello);
  return { ...read, ratio: round(read.requestsPerSecond / baseline.requestsPerSecond), helloWorldPerSecond: baseline.requestsPerSecond };
}
const READ_SLICES = 4;

function combine(results: LoadResult[]): LoadResult {
  const sum = (pick: (result: LoadResult) => number) => results.reduce((total, result) => total + pick(result), 0);
  const durationSeconds = sum((result) => result.durationSeconds);
  const p50s = results.map((result) => result.latencyMs.p50).sort((a, b) => a - b);
  const worst = (pick: (result: LoadResult) => number) => Math.max(...results.map(pick));
  return {
    requests: sum((result) => result.requests),
    non2xx: sum((result) => result.non2xx),
    errors: sum((result) => result.errors),
    durationSeconds,
    requestsPerSecond: Math.round(sum((result) => result.requestsPerSecond * result.durationSeconds) / durationSeconds),
    averagePerSecond: Math.round(sum((result) => result.averagePerSecond * result.durationSeconds) / durationSeconds),
    latencyMs: {
      p50: p50s[Math.floor(p50s.length / 2)]!,
      p90: worst((result) => result.latencyMs.p90),
      p99: worst((result) => result.latencyMs.p99),
      max: worst((result) => result.latencyMs.max),
    },
  };
}
try {
  // Warm both servers up (JIT, prepared statements) before measuring anything.
  await runLoad({ url: `${hello.url}/`, durationSeconds: 2, connections: CONNECTIONS, workers: READ_WORKERS });
  await runLoad({ url: `${hub.url}/api/v1/models`, durationSeconds: 2, connections: CONNECTIONS, workers: READ_WORKERS });

  results.helloWorld = await runLoad({ url: `${hello.url}/`, durationSeconds: SECONDS, connections: CONNECTIONS, workers: READ_WORKERS });

  let step = 0;
  const started = Date.UTC(2026, 0, 1);
  results.reportIngestion = await runLoad({
    url: `${hub.url}/api/v1/training-runs/${runId}/reports`,
    method: 'POST',
    connections: CONNECTIONS,
    durationSeconds: SECONDS,
    headers: { Authorization: `Bearer ${reporterToken}`, 'Content-Type': 'application/json' },
    body: () => {
      step += 1;
      return JSON.stringify({
        id: `bench-${step}`,
        at: new Date(started + step * 1000).toISOString(),
        state: 'running',
        step,
        tokensSeen: step * 4_194_304,
        tokensTarget: 4e12,
        loss: 2 + 8 / Math.sqrt(step),
        throughput: 4_194_304 / 12,
        ...(step % 500 === 0 ? { checkpoint: { step, digest: `sha256:${step.toString(16).padStart(64, '0')}` } } : {}),
      });
    },
  });

  // Give the read run a history, then read it.
  await runLoad({
    url: `${hub.url}/api/v1/training-runs/${readRunId}/reports`,
    method: 'POST',
    connections: 8,
    amount: 500,
    headers: { Authorization: `Bearer ${reporterToken}`, 'Content-Type': 'application/json' },
    body: (() => {
      let n = 0;
      return () => {
        n += 1;
        return JSON.stringify({ id: `r-${n}`, at: new Date(started + n * 1000).toISOString(), state: n % 97 === 0 ? 'paused' : 'running', step: n, tokensSeen: n * 1000, loss: 3, events: n % 50 === 0 ? [{ kind: 'checkpoint_saved' }] : [] });
      };
    })(),
  });
  let ballot = 0;
  results.ballotCasting = await runLoad({
    url: `${hub.url}/api/v1/proposals/${proposalId}/ballots`,
    method: 'POST',
    connections: CONNECTIONS,
    durationSeconds: SECONDS,
    headers: { 'Content-Type': 'application/json' },
    // Every request is a different delegate changing their organisation's ballot: the same ballot path
    // a Discord button or a GitHub comment takes.
    body: () => JSON.stringify({ option: ['approve', 'reject', 'abstain'][(ballot += 1) % 3] }),
    headersFor: () => ({ Authorization: `Bearer ${voterTokens[ballot % voterTokens.length]}` }),
  });

  results.listModels = await againstHelloWorld(`${hub.url}/api/v1/models`);
  results.getTrainingRun = await againstHelloWorld(`${hub.url}/api/v1/training-runs/${readRunId}`);
  webhooks = await benchWebhooks({ dir, helloUrl: hello.url, seconds: SECONDS, connections: CONNECTIONS, helloWorkers: READ_WORKERS });
  discord = await benchDiscord({ dir, helloUrl: hello.url, seconds: SECONDS, connections: CONNECTIONS, helloWorkers: READ_WORKERS });
} finally {
  await hub.stop();
  await hello.stop();
}

const rawInsert = await rawInsertBaseline(`file:${join(dir, 'raw.db')}`, Math.min(results.ballotCasting!.requests, 20_000));
const verdicts = {
  reportIngestion: results.reportIngestion!.requestsPerSecond >= TARGETS.reportsPerSecond && results.reportIngestion!.non2xx === 0,
  listModels: results.listModels!.ratio! >= TARGETS.readRatioToHelloWorld,
  getTrainingRun: results.getTrainingRun!.ratio! >= TARGETS.readRatioToHelloWorld,
  tally: tally.tallyMs < TARGETS.tallyOf100kBallotsMs,
  ballotCasting: results.ballotCasting!.requestsPerSecond >= TARGETS.ballotsPerSecond && results.ballotCasting!.non2xx === 0,
};

const report = {
  at: new Date().toISOString(),
  node: process.version,
  settings: { seconds: SECONDS, connections: CONNECTIONS, readWorkers: READ_WORKERS, database: 'libSQL file (embedded default)', cpus: availableParallelism() },
  targets: TARGETS,
  results,
  tally,
  webhooks,
  discord,
  ballotCasting: { apiBallotsPerSecond: results.ballotCasting!.requestsPerSecond, rawInsert, ratioToRawInsert: round(results.ballotCasting!.requestsPerSecond / rawInsert.rowsPerSecond) },
  verdicts,
};
const resultsDir = new URL('results/', import.meta.url).pathname;
mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, `bench-${report.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
rmSync(dir, { recursive: true, force: true });

const row = (name: string, result: Measured, verdict?: boolean) =>
  `${name.padEnd(18)} ${String(result.requestsPerSecond).padStart(7)}/s  p50 ${String(result.latencyMs.p50).padStart(4)} ms  p99 ${String(result.latencyMs.p99).padStart(4)} ms` +
  `${result.ratio !== undefined ? `  ${(result.ratio * 100).toFixed(0)}% of hello-world (${result.helloWorldPerSecond}/s, taken in turns)` : ''}${result.non2xx ? `  non-2xx ${result.non2xx}` : ''}` +
  `${verdict === undefined ? '' : verdict ? '  ✓' : '  ✗ below target'}`;
console.log(row('hello-world', results.helloWorld!));
console.log(row('report ingestion', results.reportIngestion!, verdicts.reportIngestion));
console.log(row('GET models', results.listModels!, verdicts.listModels));
console.log(row('GET training-run', results.getTrainingRun!, verdicts.getTrainingRun));
console.log(row('ballot casting', results.ballotCasting!, verdicts.ballotCasting) + `  ${report.ballotCasting.ratioToRawInsert}× raw libSQL inserts (${rawInsert.rowsPerSecond}/s)`);
for (const line of describeWebhookBench(webhooks!)) console.log(line);
for (const line of describeDiscordBench(discord!)) console.log(line);
console.log(`tally of ${tally.ballots} ballots  ${tally.tallyMs} ms  (plain loop ${tally.baselineLoopMs} ms, ${tally.ratio}×)${verdicts.tally ? '  ✓' : '  ✗ above target'}`);
console.log(`written to ${file}`);

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
