import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { tables, type Database, type Transaction } from '../../db/index.ts';
import { prepared } from '../../db/prepared.ts';
import { foldReports } from '../domain/training/fold-reports.ts';
import type { TrainingReport } from '../domain/training/report.ts';
import { AppError } from './errors.ts';
import { appendLedgerEntries, type LedgerEvent } from './ledger.ts';
import { refuseReporter, tokenGrants, type Reporter } from './training-report-access.ts';
import { toRunView, type RunView } from './training-runs.ts';

export type { Reporter } from './training-report-access.ts';

export type ReportOutcome = {
  runId: string;
  reportId: string;
  /** The same report was received before; nothing changed. */
  duplicate: boolean;
  /** The run's current figures come from this report. */
  latest: boolean;
  run: RunView;
};

/**
 * A report waiting for its batch: who sent it (the ledger's name for them, and the token that may
 * be bound to runs), to which run, and the digest of its content.
 */
export type QueuedReport = { actor: string; reporter: Reporter; runId: string; report: TrainingReport; digest: string };

/** How a report was recorded, or why it was refused. */
export type ReportVerdict = { ok: true; outcome: ReportOutcome } | { ok: false; error: AppError };

/**
 * Records a batch of reports in the current write transaction, with a handful of statements
 * whatever its size (the reports, metrics and events each in one INSERT that reads its rows from a
 * JSON array). Returns a verdict per report, in the batch's order; they hold once it commits.
 */
export async function recordReportBatch(tx: Transaction, now: Date, batch: QueuedReport[]): Promise<ReportVerdict[]> {
  const { trainingRuns } = tables;
  const byRun = Map.groupBy(batch, (item) => item.runId);
  const runs = new Map<string, typeof trainingRuns.$inferSelect>();
  for (const id of byRun.keys()) {
    const run = await selectRun(tx).get({ id });
    if (run) runs.set(id, run);
  }
  // The reports of this batch already received: one query per run, the ids passed as a JSON array.
  const known = new Map<string, string>();
  for (const runId of runs.keys()) {
    const ids = [...new Set(byRun.get(runId)!.map((item) => item.report.id))];
    const rows = await tx.all<{ reportId: string; digest: string }>(sql`
      SELECT report_id AS reportId, digest FROM training_reports
      WHERE run_id = ${runId} AND report_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);
    for (const row of rows) known.set(`${runId}\u0000${row.reportId}`, row.digest);
  }

  const verdicts = new Map<QueuedReport, ReportVerdict>();
  const fail = (item: QueuedReport, error: AppError) => verdicts.set(item, { ok: false, error });
  const grants = await tokenGrants(tx, now, batch);
  const ledger: (LedgerEvent & { actor: string })[] = [];
  const writes = { reports: [] as QueuedReport[], changed: new Map<string, typeof trainingRuns.$inferSelect>() };

  for (const [runId, items] of byRun) {
    const run = runs.get(runId);
    if (!run) {
      for (const item of items) fail(item, new AppError('not_found', `No training run has the id "${runId}".`, { id: runId }));
      continue;
    }
    const fresh: QueuedReport[] = [];
    const duplicates: QueuedReport[] = [];
    for (const item of items) {
      const refusal = refuseReporter(item, run, grants);
      if (refusal) {
        fail(item, refusal);
        continue;
      }
      const key = `${runId}\u0000${item.report.id}`;
      const digest = known.get(key);
      if (digest === undefined) {
        known.set(key, item.digest);
        fresh.push(item);
      } else if (digest === item.digest) duplicates.push(item);
      else fail(item, new AppError('conflict', `Report "${item.report.id}" was already received with different content.`, { reportId: item.report.id }));
    }
    const { run: figures, verdicts: judged } = foldReports(run, fresh.map((item) => item.report));
    const accepted = fresh.filter((item) => {
      const verdict = judged.get(item.report.id)!;
      if (!verdict.accept) fail(item, new AppError('conflict', verdict.message, { reportId: item.report.id, reason: verdict.reason }));
      return verdict.accept;
    });
    const updated = accepted.length ? { ...run, ...figures, updatedAt: now.toISOString() } : run;
    if (accepted.length) writes.changed.set(runId, updated);
    writes.reports.push(...accepted);
    ledger.push(...reportedEvents(runId, accepted));
    // One view of the run for every report of the batch: they all answer with the run as it is now.
    const view = toRunView(updated);
    for (const [items, duplicate] of [[accepted, false], [duplicates, true]] as const)
      for (const item of items)
        verdicts.set(item, { ok: true, outcome: { runId, reportId: item.report.id, duplicate, latest: updated.lastReportId === item.report.id, run: view } });
  }

  await writeReports(tx, now, writes.reports, runs, ledger);
  for (const [id, run] of writes.changed) {
    const { state, step, totalSteps, tokensSeen, tokensTarget, loss, throughput, lastReportAt, lastReportId, startedAt, completedAt, updatedAt } = run;
    await updateRunFigures(tx).run({ id, state, step, totalSteps, tokensSeen, tokensTarget, loss, throughput, lastReportAt, lastReportId, startedAt, completedAt, updatedAt });
  }
  if (ledger.length) await appendLedgerEntries(tx, now, ledger);
  return batch.map((item) => verdicts.get(item)!);
}

/**
 * The ledger entries of a run's accepted reports: one per reporting actor per batch, listing every
 * report with its digest, so the chain still pins each report's content while a batch of a hundred
 * costs one entry to hash and store rather than a hundred.
 */
function reportedEvents(runId: string, accepted: QueuedReport[]): (LedgerEvent & { actor: string })[] {
  return [...Map.groupBy(accepted, (item) => item.actor)].map(([actor, items]) => ({
    actor,
    type: 'training_run.reported',
    subject: `training_run:${runId}`,
    data: { reports: items.map(({ report, digest }) => ({ reportId: report.id, digest, step: report.step, state: report.state })) },
  }));
}

async function writeReports(
  tx: Transaction,
  now: Date,
  items: QueuedReport[],
  runs: Map<string, typeof tables.trainingRuns.$inferSelect>,
  ledger: (LedgerEvent & { actor: string })[],
): Promise<void> {
  const receivedAt = now.toISOString();
  if (items.length === 0) return;
  // Each table gets its rows in one statement that reads them from a JSON array (json_each): the
  // SQL text is the same whatever the batch size, and a statement per row cost more than its row.
  const rows = JSON.stringify(
    items.map(({ runId, report, digest }) => ({
      runId,
      reportId: report.id,
      at: report.at,
      step: report.step,
      digest,
      tokensSeen: report.tokensSeen,
      loss: report.loss ?? null,
      throughput: report.throughput ?? null,
    })),
  );
  await tx.run(sql`
    INSERT INTO training_reports (run_id, report_id, at, step, digest, received_at)
    SELECT value->>'runId', value->>'reportId', value->>'at', value->>'step', value->>'digest', ${receivedAt} FROM json_each(${rows})`);
  // One point per step; when two reports name the same step, the later one's figures stand.
  // (`WHERE true` is SQLite's way to tell an upsert's ON CONFLICT from a join.)
  await tx.run(sql`
    INSERT INTO training_metrics (run_id, step, at, tokens_seen, loss, throughput)
    SELECT value->>'runId', value->>'step', value->>'at', value->>'tokensSeen', value->>'loss', value->>'throughput' FROM json_each(${rows}) WHERE true
    ON CONFLICT (run_id, step) DO UPDATE SET at = excluded.at, tokens_seen = excluded.tokens_seen, loss = excluded.loss, throughput = excluded.throughput
    WHERE excluded.at > training_metrics.at`);
  const events = items.flatMap(({ runId, report }) =>
    report.events.map((event) => ({ runId, reportId: report.id, kind: event.kind, step: report.step, at: report.at, message: event.message ?? null })),
  );
  if (events.length)
    await tx.run(sql`
      INSERT INTO training_events (run_id, report_id, kind, step, at, message)
      SELECT value->>'runId', value->>'reportId', value->>'kind', value->>'step', value->>'at', value->>'message' FROM json_each(${JSON.stringify(events)})`);
  for (const { runId, report, actor } of items) {
    if (!report.checkpoint) continue;
    const modelId = runs.get(runId)!.modelId;
    const inserted = await insertCheckpoint(tx).all({
      id: `ckpt_${randomBytes(9).toString('base64url')}`,
      modelId,
      runId,
      step: report.checkpoint.step,
      tokens: report.checkpoint.tokens ?? null,
      digest: report.checkpoint.digest,
      uri: report.checkpoint.uri ?? null,
      createdAt: receivedAt,
    });
    if (inserted.length)
      ledger.push({
        actor,
        type: 'checkpoint.reported',
        subject: `checkpoint:${inserted[0]!.id}`,
        data: { modelId, runId, step: report.checkpoint.step, digest: report.checkpoint.digest },
      });
  }
}

/** What reports change of a run (RunFigures and the time): the rest is the run's registration. */
const updateRunFigures = prepared((db: Transaction) => {
  const { trainingRuns } = tables;
  const figures = ['state', 'step', 'totalSteps', 'tokensSeen', 'tokensTarget', 'loss', 'throughput', 'lastReportAt', 'lastReportId', 'startedAt', 'completedAt', 'updatedAt'] as const;
  return db
    .update(trainingRuns)
    .set(Object.fromEntries(figures.map((column) => [column, sql.placeholder(column)])))
    .where(eq(trainingRuns.id, sql.placeholder('id')));
});

const selectRun = prepared((db: Database) => db.select().from(tables.trainingRuns).where(eq(tables.trainingRuns.id, sql.placeholder('id'))));

/** The same weights reported twice (a re-sent report, two replicas) are one checkpoint. */
const insertCheckpoint = prepared((db: Transaction) => {
  const { checkpoints } = tables;
  return db
    .insert(checkpoints)
    .values({
      id: sql.placeholder('id'),
      modelId: sql.placeholder('modelId'),
      runId: sql.placeholder('runId'),
      step: sql.placeholder('step'),
      tokens: sql.placeholder('tokens'),
      digest: sql.placeholder('digest'),
      uri: sql.placeholder('uri'),
      status: 'candidate',
      createdAt: sql.placeholder('createdAt'),
    })
    .onConflictDoNothing({ target: [checkpoints.modelId, checkpoints.digest] })
    .returning({ id: checkpoints.id });
});
