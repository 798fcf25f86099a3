import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { tables } from '../../db/index.ts';
import type { CheckpointStatus, ModelStatus } from '../domain/training/vocabulary.ts';
import { requireScope } from './authorization.ts';
import type { Actor, ServiceContext } from './context.ts';
import { AppError } from './errors.ts';
import { writeWithLedger } from './ledger.ts';
import { pagedList, type Page } from './pagination.ts';
import { listRunsOfModels, type RunView } from './training-runs.ts';
import { decisionsAbout, type DecisionLink } from './decisions/decisions-about.ts';
import { effectsOn } from './decisions/decision-effects.ts';

export type CheckpointView = {
  id: string;
  modelId: string;
  runId: string | null;
  step: number;
  tokens: number | null;
  digest: string;
  uri: string | null;
  status: CheckpointStatus;
  createdAt: string;
};

export type ModelView = {
  id: string;
  family: { id: string; name: string };
  version: string;
  name: string;
  status: ModelStatus;
  parameters: number | null;
  architecture: string | null;
  contextWindow: number | null;
  licence: string | null;
  languages: string[];
  cycle: string | null;
  isDemo: boolean;
  createdAt: string;
  updatedAt: string;
};

export type ModelDetail = ModelView & {
  checkpoints: CheckpointView[];
  runs: RunView[];
  /** The votes about this model version, open and closed. */
  decisions: DecisionLink[];
  /** The passed release vote that released it, with what it pinned. */
  release: { proposalId: string; at: string; checkpointDigest: string | null; cardRevision: string | null } | null;
};

type ModelRow = typeof tables.models.$inferSelect;

function toModelView(row: ModelRow, familyName: string): ModelView {
  const { familyId, ...rest } = row;
  return { ...rest, family: { id: familyId, name: familyName } };
}

const modelPages = pagedList({ name: 'models', direction: 'asc', columns: [tables.models.id] });

/** Model versions ordered by id, optionally of one family or status. */
export async function listModels(
  ctx: ServiceContext,
  filter: { family?: string | undefined; status?: ModelStatus | undefined; cursor?: string | undefined; limit: number },
): Promise<Page<ModelView>> {
  const paging = modelPages.open(filter.cursor, { family: filter.family, status: filter.status });
  const { models, modelFamilies } = tables;
  const conditions: (SQL | undefined)[] = [
    filter.family ? eq(models.familyId, filter.family) : undefined,
    filter.status ? eq(models.status, filter.status) : undefined,
    paging.after,
  ];
  const rows = await ctx.database.db
    .select({ model: models, familyName: modelFamilies.name })
    .from(models)
    .innerJoin(modelFamilies, eq(models.familyId, modelFamilies.id))
    .where(and(...conditions))
    .orderBy(...modelPages.orderBy)
    .limit(filter.limit + 1);
  const page = paging.page(rows, filter.limit, (row) => [row.model.id]);
  return { items: page.items.map((row) => toModelView(row.model, row.familyName)), next: page.next };
}

/** One model version with its checkpoints (newest first) and its training runs. */
export async function getModel(ctx: ServiceContext, id: string): Promise<ModelDetail> {
  const { models, modelFamilies, checkpoints } = tables;
  const [row] = await ctx.database.db
    .select({ model: models, familyName: modelFamilies.name })
    .from(models)
    .innerJoin(modelFamilies, eq(models.familyId, modelFamilies.id))
    .where(eq(models.id, id));
  if (!row) throw new AppError('not_found', `No model has the id "${id}".`, { id });
  const checkpointRows = await ctx.database.db
    .select()
    .from(checkpoints)
    .where(eq(checkpoints.modelId, id))
    .orderBy(desc(checkpoints.step), asc(checkpoints.id));
  const runs = await listRunsOfModels(ctx, [id]);
  const ref = `model:${id}`;
  const [decisions, effects] = await Promise.all([decisionsAbout(ctx.database.db, [ref]), effectsOn(ctx.database.db, [ref])]);
  const released = effects.find((effect) => effect.effect === 'released');
  const release = released
    ? { proposalId: released.proposalId, at: released.at, checkpointDigest: (released.details.checkpointDigest as string | null) ?? null, cardRevision: (released.details.cardRevision as string | null) ?? null }
    : null;
  return { ...toModelView(row.model, row.familyName), checkpoints: checkpointRows, runs, decisions: decisions.get(ref)!, release };
}

export type RegisterModelInput = {
  id: string;
  family: { id: string; name: string; description?: string | null };
  version: string;
  name: string;
  status: ModelStatus;
  parameters?: number | null;
  architecture?: string | null;
  contextWindow?: number | null;
  licence?: string | null;
  languages: string[];
  cycle?: string | null;
  isDemo?: boolean;
};

/**
 * Creates or updates a model version (and its family). Needs `write`. Unchanged input writes
 * nothing; a change records which fields moved.
 */
export async function registerModel(ctx: ServiceContext, { actor, input }: { actor: Actor; input: RegisterModelInput }): Promise<ModelView> {
  requireScope(actor, 'write');
  const now = ctx.clock().toISOString();
  const { models, modelFamilies } = tables;
  return writeWithLedger(ctx, actor, async (tx, record) => {
    const family = { id: input.family.id, name: input.family.name, description: input.family.description ?? null, isDemo: input.isDemo ?? false };
    const [existingFamily] = await tx.select().from(modelFamilies).where(eq(modelFamilies.id, family.id));
    if (!existingFamily) {
      await tx.insert(modelFamilies).values({ ...family, updatedAt: now });
      record({ type: 'model_family.created', subject: `model_family:${family.id}`, data: {} });
    } else if (existingFamily.name !== family.name || existingFamily.description !== family.description) {
      await tx.update(modelFamilies).set({ name: family.name, description: family.description, updatedAt: now }).where(eq(modelFamilies.id, family.id));
      record({ type: 'model_family.updated', subject: `model_family:${family.id}`, data: {} });
    }
    const values = {
      familyId: family.id,
      version: input.version,
      name: input.name,
      status: input.status,
      parameters: input.parameters ?? null,
      architecture: input.architecture ?? null,
      contextWindow: input.contextWindow ?? null,
      licence: input.licence ?? null,
      languages: input.languages,
      cycle: input.cycle ?? null,
      isDemo: input.isDemo ?? false,
    };
    const [existing] = await tx.select().from(models).where(eq(models.id, input.id));
    if (!existing) {
      await tx.insert(models).values({ id: input.id, ...values, createdAt: now, updatedAt: now });
      record({ type: 'model.created', subject: `model:${input.id}`, data: { status: values.status } });
      return toModelView({ id: input.id, ...values, createdAt: now, updatedAt: now }, family.name);
    }
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter(
      (key) => JSON.stringify(existing[key]) !== JSON.stringify(values[key]),
    );
    if (changed.length === 0) return toModelView(existing, family.name);
    await tx.update(models).set({ ...values, updatedAt: now }).where(eq(models.id, input.id));
    record({ type: 'model.updated', subject: `model:${input.id}`, data: { fields: changed, status: values.status } });
    return toModelView({ ...existing, ...values, updatedAt: now }, family.name);
  });
}

/** Checkpoints of several models at once (for lists and the site). */
export async function listCheckpoints(ctx: ServiceContext, modelIds: string[]): Promise<CheckpointView[]> {
  if (modelIds.length === 0) return [];
  return ctx.database.db
    .select()
    .from(tables.checkpoints)
    .where(inArray(tables.checkpoints.modelId, modelIds))
    .orderBy(asc(tables.checkpoints.modelId), desc(tables.checkpoints.step));
}
