import { hash } from 'node:crypto';
import type { DatabaseHandle } from '../../db/index.ts';
import { canonicalJson } from '../domain/ledger/canonical-json.ts';
import type { TrainingReport } from '../domain/training/report.ts';
import { requireScope } from './authorization.ts';
import { ledgerActor, type Actor, type ServiceContext } from './context.ts';
import { AppError } from './errors.ts';
import { asInputError } from './input-text.ts';
import { recordReportBatch, type QueuedReport, type Reporter, type ReportOutcome } from './training-report-batch.ts';

export type { ReportOutcome } from './training-report-batch.ts';

type Pending = QueuedReport & { resolve: (outcome: ReportOutcome) => void; reject: (error: unknown) => void };

/**
 * Records one report of a training job. Needs `reporter` (or `admin`); a reporter token reports only
 * to the runs it registered or was granted (an admin token and the console to any). Idempotent by report id: a
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
  const reportedAt = Date.parse(input.report.at);
  // A report from the future would become the latest for good, and every true report after it history.
  if (reportedAt > ctx.clock().getTime() + FUTURE_TOLERANCE_MS)
    throw new AppError('invalid', `The report's "at" (${input.report.at}) is more than an hour ahead of the hub's clock; check the job's clock.`, { at: input.report.at });
  const token = actor.kind === 'token' ? actor : null;
  const reporter: Reporter = token && !token.scopes.includes('admin') ? { kind: 'bound', token } : { kind: 'unbound', token };
  const report = { ...input.report, at: new Date(input.report.at).toISOString() };
  const digest = hash('sha256', canonicalJson(report), 'hex');
  return new Promise((resolve, reject) =>
    ingestorFor(ctx).push({ actor: ledgerActor(actor), reporter, runId: input.runId, report, digest, resolve, reject }),
  );
}

/** How far ahead of the hub's clock a job's clock may be: HPC nodes drift, but not by hours. */
const FUTURE_TOLERANCE_MS = 60 * 60 * 1000;

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

  async function record(batch: Pending[]): Promise<void> {
    let verdicts: Awaited<ReturnType<typeof recordReportBatch>>;
    try {
      verdicts = await ctx.database.write((tx) => recordReportBatch(tx, ctx.clock(), batch));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(reportError(error));
      // A statement the whole batch shared failed on one report's data: find it by halves, so
      // every other report is recorded and the culprit gets its own error (the halves share a commit).
      const middle = Math.ceil(batch.length / 2);
      await Promise.all([record(batch.slice(0, middle)), record(batch.slice(middle))]);
      return;
    }
    // Settled only after the commit: before it, the outcomes are not yet true.
    batch.forEach((item, index) => {
      const verdict = verdicts[index]!;
      if (verdict.ok) item.resolve(verdict.outcome);
      else item.reject(verdict.error);
    });
  }

  async function drain() {
    running = true;
    while (queue.length) {
      await gatherWhileGrowing(queue, maxBatch);
      await record(queue.splice(0, maxBatch));
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

/** A lone report's failure: its own input is at fault when the database refused its text or a constraint. */
function reportError(error: unknown): unknown {
  const mapped = asInputError(error);
  if (mapped !== error) return mapped;
  const code = String((error as { code?: unknown; cause?: { code?: unknown } }).cause?.code ?? (error as { code?: unknown }).code ?? '');
  if (code.startsWith('SQLITE_CONSTRAINT'))
    return new AppError('invalid', 'The report could not be stored: a value breaks a rule of the registry (such as a checkpoint it cannot hold).', { code });
  return error;
}

/**
 * Waits turns of the event loop while reports keep arriving (up to a few, and a full batch): a
 * batch's cost hardly depends on its size (transaction, run row, commit, sync), so jobs
 * reporting together are cheaper in one batch than in two. A quiet queue waits one turn only.
 */
async function gatherWhileGrowing(queue: unknown[], maxBatch: number, maxTurns = 8): Promise<void> {
  for (let turn = 0; turn < maxTurns && queue.length < maxBatch; turn++) {
    const before = queue.length;
    await new Promise((resolve) => setImmediate(resolve));
    if (queue.length === before) return;
  }
}

