import { hash } from 'node:crypto';
import type { DatabaseHandle } from '../../db/index.ts';
import { canonicalJson } from '../domain/ledger/canonical-json.ts';
import type { TrainingReport } from '../domain/training/report.ts';
import { requireScope } from './authorization.ts';
import { ledgerActor, type Actor, type ServiceContext } from './context.ts';
import { recordReportBatch, type QueuedReport, type ReportOutcome } from './training-report-batch.ts';

export type { ReportOutcome } from './training-report-batch.ts';

type Pending = QueuedReport & { resolve: (outcome: ReportOutcome) => void; reject: (error: unknown) => void };

/**
 * Records one report of a training job. Needs `reporter` (or `admin`). Idempotent by report id: a
 * re-sent report changes nothing, while reusing an id for different content is a conflict. Reports
 * older than the run's latest are kept as history (metrics, events, checkpoints) without moving the
 * run backwards. A reported checkpoint enters the registry as a candidate, once per digest.
 *
 * Reports that arrive together are recorded together (training-report-batch.ts): one transaction
 * and a handful of statements per batch rather than per report, which is what lets a fleet of jobs
 * report at thousands per second.
 */
export function submitReport(
  ctx: ServiceContext,
  { actor, input }: { actor: Actor; input: { runId: string; report: TrainingReport } },
): Promise<ReportOutcome> {
  requireScope(actor, 'reporter');
  const report = { ...input.report, at: new Date(input.report.at).toISOString() };
  const digest = hash('sha256', canonicalJson(report), 'hex');
  return new Promise((resolve, reject) =>
    ingestorFor(ctx).push({ actor: ledgerActor(actor), runId: input.runId, report, digest, resolve, reject }),
  );
}

const ingestors = new WeakMap<DatabaseHandle, { push(item: Pending): void }>();

function ingestorFor(ctx: ServiceContext) {
  let ingestor = ingestors.get(ctx.database);
  if (!ingestor) {
    ingestor = createIngestor(ctx);
    ingestors.set(ctx.database, ingestor);
  }
  return ingestor;
}

function createIngestor(ctx: ServiceContext, maxBatch = 500) {
  const queue: Pending[] = [];
  let running = false;
  async function drain() {
    running = true;
    while (queue.length) {
      await gatherWhileGrowing(queue, maxBatch);
      const batch = queue.splice(0, maxBatch);
      try {
        const verdicts = await ctx.database.write((tx) => recordReportBatch(tx, ctx.clock(), batch));
        // Settled only after the commit: before it, the outcomes are not yet true.
        batch.forEach((item, index) => {
          const verdict = verdicts[index]!;
          if (verdict.ok) item.resolve(verdict.outcome);
          else item.reject(verdict.error);
        });
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    running = false;
  }
  return {
    push(item: Pending) {
      queue.push(item);
      // Start on the next turn of the event loop, after the HTTP requests that arrived with this
      // one have been read: the libSQL calls resolve without yielding, so starting now would
      // always make batches of one.
      if (!running) {
        running = true;
        setImmediate(() => void drain());
      }
    },
  };
}

/**
 * Waits turns of the event loop while reports keep arriving (up to a few, and a full batch): a
 * batch costs about a millisecond whatever its size (transaction, run row, commit, sync), so jobs
 * reporting together are cheaper in one batch than in two. A quiet queue waits one turn only.
 */
async function gatherWhileGrowing(queue: unknown[], maxBatch: number, maxTurns = 8): Promise<void> {
  for (let turn = 0; turn < maxTurns && queue.length < maxBatch; turn++) {
    const before = queue.length;
    await new Promise((resolve) => setImmediate(resolve));
    if (queue.length === before) return;
  }
}

