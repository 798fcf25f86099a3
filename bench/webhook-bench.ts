import { join } from 'node:path';
import { openProgressReader, type ProgressReader } from './delivery-progress.ts';
import { runLoad, type LoadResult } from './load.ts';
import { startServer } from './processes.ts';
import { sumSlices } from './slices.ts';
import { BENCH_REPOSITORY, createDeliveryPool, type DeliveryPool, type SignedDelivery } from './signed-deliveries.ts';

const SECRET = 'bench-webhook-secret';
const DELIVERIES = Number(process.env.BENCH_WEBHOOK_DELIVERIES ?? 2000);
const APPLY_TIMEOUT_SECONDS = Number(process.env.BENCH_WEBHOOK_TIMEOUT_SECONDS ?? 120);
const WARM_UP = 200;
const SLICES = 4;
/** GitHub gives up on a delivery it has no answer to within 10 s. */
const GITHUB_TIMEOUT_MS = 10_000;

export type WebhookBenchOptions = { dir: string; helloUrl: string; seconds: number; connections: number; helloWorkers: number };

type Latency = { p50: number; p99: number; max: number };

export type WebhookBench = {
  settings: { deliveries: number; connections: number; writesToGitHub: string };
  /** N new `issues.opened` sent at once, and the time until every one is applied. */
  endToEnd: {
    sent: number;
    accepted: number;
    rejected: number;
    /** First sent to last stored (the hub answers right after storing), and to last applied. */
    storedSeconds: number;
    appliedSeconds: number;
    appliedPerSecond: number;
    answerLatencyMs: Latency;
    applied: number;
    failed: number;
    requestsFiled: number;
    outboxRowsQueued: number;
    otherOutcomes: Record<string, number>;
    timedOut: boolean;
  };
  /** 202s per second under autocannon, in slices taken in turns with hello-world. */
  acceptance: {
    acceptedPerSecond: number;
    rejected: number;
    answerLatencyMs: Latency;
    ratio: number;
    helloWorldPerSecond: number;
    signedDuringLoad: number;
    queuedWhenDone: number;
    /** Each slice's rate, in the order taken: how much the machine drifted meanwhile. */
    slicesPerSecond: { hub: number[]; hello: number[] };
  };
  verdicts: { allAppliedAndFiled: boolean; answeredWithinGitHubLimit: boolean };
};

/**
 * The GitHub webhook path end to end, on a hub process of its own (a fresh database, the webhook
 * secret set, no GITHUB_TOKEN: see bench/README.md): deliveries applied per second from signature
 * check to outbox row, the time GitHub waits for its answers while the queue is busy, and the
 * rate of 202s against the hello-world at `helloUrl`, loaded in turns.
 */
export async function benchWebhooks(options: WebhookBenchOptions): Promise<WebhookBench> {
  const databaseUrl = `file:${join(options.dir, 'webhooks.db')}`;
  const env = {
    DATABASE_URL: databaseUrl,
    AGORA_SKIP_SITE: 'true',
    AGORA_DEMO: 'false',
    LOG_LEVEL: 'info',
    GITHUB_WEBHOOK_SECRET: SECRET,
    GITHUB_REPOSITORY: BENCH_REPOSITORY,
    GITHUB_SYNC_MINUTES: '0',
  };
  const hub = await startServer('api/server.ts', { env, logFile: join(options.dir, 'webhook-hub.log'), readyPath: '/api/v1/health' });
  const reader = openProgressReader(databaseUrl);
  const url = `${hub.url}/webhooks/github`;
  const send = (pool: DeliveryPool, load: { amount?: number; durationSeconds?: number }) => {
    let current: SignedDelivery;
    return runLoad({ url, method: 'POST', connections: options.connections, ...load, body: () => (current = pool.next()).body, headersFor: () => current.headers });
  };
  try {
    await send(createDeliveryPool(1, WARM_UP, SECRET), { amount: WARM_UP });
    await waitUntilDone(reader, WARM_UP, Date.now() + APPLY_TIMEOUT_SECONDS * 1000);
    const before = reader.read();

    const burst = createDeliveryPool(WARM_UP + 1, DELIVERIES, SECRET);
    const firstSent = Date.now();
    const answers = await send(burst, { amount: DELIVERIES });
    const timedOut = !(await waitUntilDone(reader, WARM_UP + DELIVERIES, firstSent + APPLY_TIMEOUT_SECONDS * 1000));
    const after = reader.read();
    const applied = after.applied - before.applied;
    // The hub's own times: autocannon's `amount` ends on its once-a-second tick, not on the last answer.
    const storedSeconds = Math.max(0.001, ((after.lastReceivedAt ?? firstSent) - firstSent) / 1000);
    const appliedSeconds = Math.max(0.001, ((after.lastAppliedAt ?? firstSent) - firstSent) / 1000);
    const accepted = answers.requests - answers.non2xx - answers.errors;
    const endToEnd = {
      sent: answers.requests,
      accepted,
      rejected: answers.non2xx + answers.errors,
      storedSeconds: round(storedSeconds),
      appliedSeconds: round(appliedSeconds),
      appliedPerSecond: Math.round(applied / appliedSeconds),
      answerLatencyMs: pick(answers.latencyMs),
      applied,
      failed: after.failed - before.failed,
      requestsFiled: after.requests - before.requests,
      outboxRowsQueued: after.outboxForGitHub - before.outboxForGitHub,
      otherOutcomes: after.otherOutcomes,
      timedOut,
    };

    // Enough signed deliveries for the hub's slices at twice the rate the burst was stored at.
    const poolSize = Math.min(200_000, Math.ceil((accepted / storedSeconds) * options.seconds * 2) + 1000);
    const pool = createDeliveryPool(WARM_UP + DELIVERIES + 1, poolSize, SECRET);
    const slices = { hello: [] as LoadResult[], hub: [] as LoadResult[] };
    const loadHello = async () => {
      // The hub is frozen meanwhile: its backlog would otherwise take a core from hello-world,
      // which againstHelloWorld in run.ts measures beside an idle hub.
      hub.child.kill('SIGSTOP');
      try {
        return await runLoad({ url: `${options.helloUrl}/`, durationSeconds: options.seconds / SLICES, connections: options.connections, workers: options.helloWorkers });
      } finally {
        hub.child.kill('SIGCONT');
      }
    };
    for (let turn = 0; turn < SLICES; turn++) {
      const order = turn % 2 === 0 ? (['hello', 'hub'] as const) : (['hub', 'hello'] as const);
      for (const which of order) slices[which].push(which === 'hub' ? await send(pool, { durationSeconds: options.seconds / SLICES }) : await loadHello());
    }
    const hubTotal = sumSlices(slices.hub);
    const helloTotal = sumSlices(slices.hello);
    const acceptance = {
      acceptedPerSecond: hubTotal.perSecond,
      rejected: hubTotal.rejected,
      answerLatencyMs: hubTotal.latencyMs,
      ratio: round(hubTotal.perSecond / helloTotal.perSecond),
      helloWorldPerSecond: helloTotal.perSecond,
      signedDuringLoad: pool.signedDuringLoad,
      queuedWhenDone: reader.read().queued,
      slicesPerSecond: { hub: slices.hub.map((slice) => slice.requestsPerSecond), hello: slices.hello.map((slice) => slice.requestsPerSecond) },
    };
    const worstAnswer = Math.max(endToEnd.answerLatencyMs.max, acceptance.answerLatencyMs.max);
    return {
      settings: { deliveries: DELIVERIES, connections: options.connections, writesToGitHub: 'off: no GITHUB_TOKEN, so GitHub messages stay queued in the outbox' },
      endToEnd,
      acceptance,
      verdicts: {
        allAppliedAndFiled: !timedOut && endToEnd.accepted === DELIVERIES && applied === DELIVERIES && endToEnd.requestsFiled === DELIVERIES,
        answeredWithinGitHubLimit: worstAnswer < GITHUB_TIMEOUT_MS && endToEnd.rejected === 0 && acceptance.rejected === 0,
      },
    };
  } finally {
    reader.close();
    await hub.stop();
  }
}

/** Polls until `count` deliveries are applied or failed; false when the deadline came first. */
async function waitUntilDone(reader: ProgressReader, count: number, deadline: number): Promise<boolean> {
  while (reader.countDone() < count) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/** The printed summary of a run, one line per figure. */
export function describeWebhookBench(bench: WebhookBench): string[] {
  const { endToEnd: e, acceptance: a, verdicts: v } = bench;
  const latency = (l: Latency) => `p50 ${l.p50} ms  p99 ${l.p99} ms  max ${l.max} ms`;
  return [
    `webhooks applied   ${String(e.appliedPerSecond).padStart(7)}/s  ${e.applied} of ${e.sent} in ${e.appliedSeconds} s (all stored in ${e.storedSeconds} s)  ${e.requestsFiled} requests filed, ${e.outboxRowsQueued} outbox rows${e.timedOut ? '  ✗ timed out' : ''}${v.allAppliedAndFiled ? '  ✓' : '  ✗ not all applied and filed'}`,
    `webhook answers    during the burst ${latency(e.answerLatencyMs)}; under load ${latency(a.answerLatencyMs)}${v.answeredWithinGitHubLimit ? '  ✓ within 10 s' : '  ✗ slower than 10 s or refused'}`,
    `webhooks accepted  ${String(a.acceptedPerSecond).padStart(7)}/s  ${(a.ratio * 100).toFixed(0)}% of hello-world (${a.helloWorldPerSecond}/s, taken in turns)  ${a.queuedWhenDone} left queued${a.signedDuringLoad ? `  (${a.signedDuringLoad} signed during the load)` : ''}`,
  ];
}

function pick(latency: LoadResult['latencyMs']): Latency {
  return { p50: latency.p50, p99: latency.p99, max: latency.max };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
