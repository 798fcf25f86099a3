import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, type SQL } from 'drizzle-orm';
import { tables } from '../../db/index.ts';
import { estimateProgress } from '../domain/training/run-progress.ts';
import type { RunEventKind, RunState } from '../domain/training/vocabulary.ts';
import { hasScope, requireScope } from './authorization.ts';
import type { Actor, ServiceContext } from './context.ts';
import { AppError } from './errors.ts';
import { writeWithLedger } from './ledger.ts';
import { pagedList, type Page } from './pagination.ts';

export type RunView = {
  id: string;
  modelId: string;
  cycle: string | null;
  hpcSystem: string;
  state: RunState;
  step: number;
  totalSteps: number | null;
  tokensSeen: number;
  tokensTarget: number | null;
  loss: number | null;
  throughput: number | null;
  /** Share of the work done, 0–1. */
  progress: number | null;
  /** Estimated completion at the current throughput. */
  eta: string | null;
  lastReportAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
};

export type RunEventView = { kind: RunEventKind; step: number; at: string; message: string | null; reportId: string };
export type MetricPoint = { step: number; at: string; tokensSeen: number; loss: number | null; throughput: number | null };
export type RunDetail = RunView & { events: RunEventView[] };

type RunRow = typeof tables.trainingRuns.$inferSelect;

export function toRunView(row: RunRow): RunView {
  const { lastReportId: _id, registeredByToken: _token, ...rest } = row;
  const { fraction, eta } = estimateProgress(row);
  return { ...rest, progress: fraction, eta };
}

const runPages = pagedList({ name: 'training-runs', direction: 'asc', columns: [tables.trainingRuns.id] });

/** Training runs, ordered by id, optionally of one model or in one state. */
export async function listRuns(
  ctx: ServiceContext,
  filter: { model?: string | undefined; state?: RunState | undefined; cursor?: string | undefined; limit: number },
): Promise<Page<RunView>> {
  const paging = runPages.open(filter.cursor, { model: filter.model, state: filter.state });
  const runs = tables.trainingRuns;
  const conditions: (SQL | undefined)[] = [
    filter.model ? eq(runs.modelId, filter.model) : undefined,
    filter.state ? eq(runs.state, filter.state) : undefined,
    paging.after,
  ];
  const rows = await ctx.database.db.select().from(runs).where(and(...conditions)).orderBy(...runPages.orderBy).limit(filter.limit + 1);
  const page = paging.page(rows, filter.limit, (row) => [row.id]);
  return { items: page.items.map((row) => toRunView(row)), next: page.next };
}

export async function listRunsOfModels(ctx: ServiceContext, modelIds: string[]): Promise<RunView[]> {
  if (modelIds.length === 0) return [];
  const rows = await ctx.database.db
    .select()
    .from(tables.trainingRuns)
    .where(inArray(tables.trainingRuns.modelId, modelIds))
    .orderBy(asc(tables.trainingRuns.createdAt));
  return rows.map((row) => toRunView(row));
}

/** One run with its latest events (newest first). */
export async function getRun(ctx: ServiceContext, id: string, options: { events?: number } = {}): Promise<RunDetail> {
  const [row] = await ctx.database.db.select().from(tables.trainingRuns).where(eq(tables.trainingRuns.id, id));
  if (!row) throw new AppError('not_found', `No training run has the id "${id}".`, { id });
  const events = await ctx.database.db
    .select({
      kind: tables.trainingEvents.kind,
      step: tables.trainingEvents.step,
      at: tables.trainingEvents.at,
      message: tables.trainingEvents.message,
      reportId: tables.trainingEvents.reportId,
    })
    .from(tables.trainingEvents)
    .where(eq(tables.trainingEvents.runId, id))
    .orderBy(desc(tables.trainingEvents.at), desc(tables.trainingEvents.id))
    .limit(options.events ?? 50);
  return { ...toRunView(row), events };
}

/** The metrics series of a run, one point per step, in step order, a page at a time. */
export async function listMetrics(
  ctx: ServiceContext,
  input: { runId: string; afterStep?: number | undefined; limit: number },
): Promise<{ items: MetricPoint[]; next: string | null }> {
  const metrics = tables.trainingMetrics;
  const [run] = await ctx.database.db.select({ id: tables.trainingRuns.id }).from(tables.trainingRuns).where(eq(tables.trainingRuns.id, input.runId));
  if (!run) throw new AppError('not_found', `No training run has the id "${input.runId}".`, { id: input.runId });
  const rows = await ctx.database.db
    .select({ step: metrics.step, at: metrics.at, tokensSeen: metrics.tokensSeen, loss: metrics.loss, throughput: metrics.throughput })
    .from(metrics)
    .where(and(eq(metrics.runId, input.runId), input.afterStep !== undefined ? gt(metrics.step, input.afterStep) : undefined))
    .orderBy(asc(metrics.step))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  return { items, next: rows.length > input.limit ? String(items.at(-1)!.step) : null };
}

export type CreateRunInput = {
  id?: string | undefined;
  modelId: string;
  cycle?: string | null | undefined;
  hpcSystem: string;
  totalSteps?: number | null | undefined;
  tokensTarget?: number | null | undefined;
  isDemo?: boolean;
};

/**
 * Registers a training run, queued until its first report. Jobs may register themselves with a
 * `reporter` token; `write` may too. Creating an id that exists is a conflict.
 */
export async function createRun(ctx: ServiceContext, { actor, input }: { actor: Actor; input: CreateRunInput }): Promise<RunView> {
  if (!hasScope(actor, 'reporter')) requireScope(actor, 'write');
  const now = ctx.clock().toISOString();
  const id = input.id ?? `run_${randomBytes(8).toString('base64url')}`;
  return writeWithLedger(ctx, actor, async (tx, record) => {
    const [model] = await tx.select({ id: tables.models.id, cycle: tables.models.cycle }).from(tables.models).where(eq(tables.models.id, input.modelId));
    if (!model) throw new AppError('invalid', `No model has the id "${input.modelId}".`, { modelId: input.modelId });
    const [existing] = await tx.select({ id: tables.trainingRuns.id }).from(tables.trainingRuns).where(eq(tables.trainingRuns.id, id));
    if (existing) throw new AppError('conflict', `A training run with the id "${id}" already exists.`, { id });
    const row = {
      id,
      modelId: input.modelId,
      cycle: input.cycle ?? model.cycle,
      hpcSystem: input.hpcSystem,
      state: 'queued' as const,
      step: 0,
      totalSteps: input.totalSteps ?? null,
      tokensSeen: 0,
      tokensTarget: input.tokensTarget ?? null,
      loss: null,
      throughput: null,
      lastReportAt: null,
      lastReportId: null,
      startedAt: null,
      completedAt: null,
      isDemo: input.isDemo ?? false,
      // The job's reporter token may report to the run it registered, and only the tokens granted it may too.
      registeredByToken: actor.kind === 'token' ? actor.tokenId : null,
      createdAt: now,
      updatedAt: now,
    };
    await tx.insert(tables.trainingRuns).values(row);
    record({ type: 'training_run.created', subject: `training_run:${id}`, data: { modelId: row.modelId, hpcSystem: row.hpcSystem } });
    return toRunView(row);
  });
}
