import { eq, sql } from 'drizzle-orm';
import { join } from 'node:path';
import { openDatabase, tables } from '../db/index.ts';
import { buttonClick, createInteractionSigner, TEST_APPLICATION_ID } from '../test/helpers/discord-interactions.ts';
import { prepareBallotBench } from './decisions-bench.ts';
import { runLoad, type LoadResult } from './load.ts';
import { prepareHubDatabase } from './prepare-hub.ts';
import { startServer } from './processes.ts';
import { sumSlices } from './slices.ts';

const WARM_UP = 300;
const SLICES = 4;
/** Discord waits 3 s for an interaction's first answer; the target is far inside it. */
const DISCORD_LIMIT_MS = 3000;
const TARGET_P99_MS = 100;
const CHOICES = ['approve', 'reject', 'abstain'] as const;

export type DiscordBenchOptions = { dir: string; helloUrl: string; seconds: number; connections: number; helloWorkers: number };

type Latency = { p50: number; p99: number; max: number };

export type DiscordBench = {
  settings: { delegates: number; connections: number; messagesToDiscord: string };
  /** Signed vote-button clicks answered per second, in slices taken in turns with hello-world. */
  clicks: { answeredPerSecond: number; rejected: number; answerLatencyMs: Latency; ratio: number; helloWorldPerSecond: number; ballotsRecorded: number; clicksSent: number; slicesPerSecond: { hub: number[]; hello: number[] } };
  verdicts: { p99WithinTarget: boolean; answeredWithinDiscordLimit: boolean; everyClickABallot: boolean };
};

/**
 * A vote button's round trip on a hub process of its own: Discord's signed POST to
 * /discord/interactions, the Ed25519 check, the member found by Discord id, the ballot cast in its
 * transaction and the ephemeral confirmation answered — each click from a delegate changing their
 * organisation's ballot, so each is a real write. No DISCORD_TOKEN: the tally edits stay queued.
 */
export async function benchDiscord(options: DiscordBenchOptions): Promise<DiscordBench> {
  const databaseUrl = `file:${join(options.dir, 'discord.db')}`;
  const { proposalId, delegates } = await prepareDiscordVote(databaseUrl);
  const signer = createInteractionSigner();
  const env = {
    DATABASE_URL: databaseUrl,
    AGORA_SKIP_SITE: 'true',
    AGORA_DEMO: 'false',
    LOG_LEVEL: 'info',
    DISCORD_PUBLIC_KEY: signer.publicKeyHex,
    DISCORD_APPLICATION_ID: TEST_APPLICATION_ID,
    DISCORD_INTERACTIONS: 'http',
    // Interactions are rate-limited only on failed signatures; ballots share the per-member write budget.
    RATE_LIMIT_MULTIPLIER: '100',
  };
  const hub = await startServer('api/server.ts', { env, logFile: join(options.dir, 'discord-hub.log'), readyPath: '/api/v1/health' });
  let sent = 0;
  const send = (load: { amount?: number; durationSeconds?: number }) => {
    let headers: Record<string, string> = {};
    return runLoad({
      url: `${hub.url}/discord/interactions`,
      method: 'POST',
      connections: options.connections,
      headers: { 'content-type': 'application/json' },
      ...load,
      body: () => {
        // Click k is delegate k mod n; a delegate's successive clicks change their choice, so none is "unchanged".
        const k = sent++;
        const userId = delegates[k % delegates.length]!;
        const body = JSON.stringify(buttonClick({ customId: `vote:${proposalId}:${CHOICES[Math.floor(k / delegates.length) % 3]}`, messageId: '1300000000000000000', userId }));
        const signed = signer.sign(body);
        headers = { 'x-signature-ed25519': signed['X-Signature-Ed25519'], 'x-signature-timestamp': signed['X-Signature-Timestamp'] };
        return body;
      },
      headersFor: () => headers,
    });
  };
  try {
    await send({ amount: WARM_UP });
    const before = await countDiscordBallots(databaseUrl);
    const sentBefore = sent;
    const slices = { hello: [] as LoadResult[], hub: [] as LoadResult[] };
    for (let turn = 0; turn < SLICES; turn++) {
      const order = turn % 2 === 0 ? (['hello', 'hub'] as const) : (['hub', 'hello'] as const);
      for (const which of order)
        slices[which].push(
          which === 'hub'
            ? await send({ durationSeconds: options.seconds / SLICES })
            : await runLoad({ url: `${options.helloUrl}/`, durationSeconds: options.seconds / SLICES, connections: options.connections, workers: options.helloWorkers }),
        );
    }
    const hubTotal = sumSlices(slices.hub);
    const helloTotal = sumSlices(slices.hello);
    const ballotsRecorded = (await countDiscordBallots(databaseUrl)) - before;
    const answered = slices.hub.reduce((total, slice) => total + slice.requests - slice.non2xx - slice.errors, 0);
    return {
      settings: { delegates: delegates.length, connections: options.connections, messagesToDiscord: 'off: no DISCORD_TOKEN, so the tally edits stay queued in the outbox' },
      clicks: {
        answeredPerSecond: hubTotal.perSecond,
        rejected: hubTotal.rejected,
        answerLatencyMs: hubTotal.latencyMs,
        ratio: round(hubTotal.perSecond / helloTotal.perSecond),
        helloWorldPerSecond: helloTotal.perSecond,
        ballotsRecorded,
        clicksSent: sent - sentBefore,
        slicesPerSecond: { hub: slices.hub.map((slice) => slice.requestsPerSecond), hello: slices.hello.map((slice) => slice.requestsPerSecond) },
      },
      verdicts: {
        p99WithinTarget: hubTotal.latencyMs.p99 < TARGET_P99_MS,
        answeredWithinDiscordLimit: hubTotal.latencyMs.max < DISCORD_LIMIT_MS && hubTotal.rejected === 0,
        // Every answered click is a ballot; clicks still in flight when a slice ended may be too.
        everyClickABallot: ballotsRecorded >= answered && ballotsRecorded <= sent - sentBefore,
      },
    };
  } finally {
    await hub.stop();
  }
}

/** The registry and the ballot bench's vote (bench/decisions-bench.ts), each demo delegate given a Discord id: the ids, in order. */
async function prepareDiscordVote(url: string): Promise<{ proposalId: string; delegates: string[] }> {
  await prepareHubDatabase(url);
  const { proposalId } = await prepareBallotBench(url);
  const database = await openDatabase({ url });
  const delegates = await database.db.select({ id: tables.memberRoles.memberId }).from(tables.memberRoles).where(eq(tables.memberRoles.role, 'delegate'));
  const ids = delegates.map((_, index) => String(1_300_000_000_000_000_000n + BigInt(index)));
  await database.write(async (tx) => {
    for (const [index, delegate] of delegates.entries()) await tx.update(tables.members).set({ discordUserId: ids[index]! }).where(eq(tables.members.id, delegate.id));
  });
  database.close();
  return { proposalId, delegates: ids };
}

async function countDiscordBallots(url: string): Promise<number> {
  const database = await openDatabase({ url });
  try {
    const [row] = await database.db.select({ n: sql<number>`count(*)` }).from(tables.ballots).where(eq(tables.ballots.channel, 'discord'));
    return Number(row?.n ?? 0);
  } finally {
    database.close();
  }
}

/** The printed summary, one line per figure. */
export function describeDiscordBench(bench: DiscordBench): string[] {
  const { clicks: c, verdicts: v } = bench;
  return [
    `discord clicks     ${String(c.answeredPerSecond).padStart(7)}/s  p50 ${c.answerLatencyMs.p50} ms  p99 ${c.answerLatencyMs.p99} ms  max ${c.answerLatencyMs.max} ms  ${(c.ratio * 100).toFixed(0)}% of hello-world (${c.helloWorldPerSecond}/s, taken in turns)${v.p99WithinTarget ? '  ✓ p99 < 100 ms' : '  ✗ p99 above 100 ms'}${v.answeredWithinDiscordLimit ? ', all within 3 s' : '  ✗ some slower than 3 s or refused'}`,
    `discord ballots    ${c.ballotsRecorded} recorded for ${c.clicksSent} clicks sent (${bench.settings.delegates} delegates)${v.everyClickABallot ? '  ✓' : '  ✗ not one ballot per answered click'}`,
  ];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
