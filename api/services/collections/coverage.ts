import { asc, eq, isNull } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import { computeCoverage, type Coverage, type CoverageCard, type CoverageLanguage } from '../../domain/collections/coverage.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { requireCollection } from './collection-views.ts';
import { loadCardFacts } from './dataset-cards.ts';

export type CoverageView = Coverage & {
  cycle: string;
  /** Whose target languages the rows are: a model's, or the consortium's. */
  targets: { kind: 'consortium' } | { kind: 'model'; model: string; name: string };
};

/** The consortium's live target languages in priority order, with their variants. */
export async function loadCoverageLanguages(ctx: ServiceContext): Promise<(CoverageLanguage & { priority: number })[]> {
  const table = tables.languages;
  return ctx.database.db
    .select({ code: table.code, name: table.name, variants: table.variants, priority: table.priority })
    .from(table)
    .where(isNull(table.archivedAt))
    .orderBy(asc(table.priority));
}

/** Coverage of a cycle's mix for the consortium's target languages; `not_found` when not imported. */
export async function getCollectionCoverage(ctx: ServiceContext, cycle: string): Promise<CoverageView> {
  await requireCollection(ctx, cycle);
  return { cycle, targets: { kind: 'consortium' }, ...(await coverageOf(ctx, cycle)) };
}

/**
 * Coverage of the cycle a model is trained on, for the model's target languages (the `cycle` and
 * `languages` columns of `models`). A model naming no languages is shown against the consortium's.
 */
export async function getModelCoverage(ctx: ServiceContext, modelId: string): Promise<CoverageView> {
  const { models } = tables;
  const [model] = await ctx.database.db
    .select({ id: models.id, name: models.name, cycle: models.cycle, languages: models.languages })
    .from(models)
    .where(eq(models.id, modelId));
  if (!model) throw new AppError('not_found', `No model has the id "${modelId}".`, { id: modelId });
  if (!model.cycle)
    throw new AppError('not_found', `Model "${modelId}" names no training-data cycle, so its language coverage is unknown.`, {
      id: modelId,
      reason: 'no_cycle',
    });
  await requireCollection(ctx, model.cycle).catch(() => {
    throw new AppError('not_found', `Model "${modelId}" is trained on cycle "${model.cycle}", which has not been imported.`, {
      id: modelId,
      cycle: model.cycle,
      reason: 'cycle_not_imported',
    });
  });
  const targets = model.languages.length > 0 ? model.languages : undefined;
  return {
    cycle: model.cycle,
    targets: targets ? { kind: 'model', model: model.id, name: model.name } : { kind: 'consortium' },
    ...(await coverageOf(ctx, model.cycle, targets)),
  };
}

async function coverageOf(ctx: ServiceContext, cycle: string, targets?: string[]): Promise<Coverage> {
  const table = tables.collectionParts;
  const [parts, languages, cards] = await Promise.all([
    ctx.database.db
      .select({
        dataset: table.datasetId,
        part: table.part,
        language: table.language,
        weight: table.weight,
        sourceTokens: table.sourceTokens,
        releaseTokens: table.releaseTokens,
      })
      .from(table)
      .where(eq(table.collectionId, cycle))
      .orderBy(asc(table.datasetId), asc(table.part)),
    loadCoverageLanguages(ctx),
    loadCardFacts(ctx),
  ]);
  const coverageCards = new Map<string, CoverageCard>();
  for (const [id, card] of cards) if (card.content) coverageCards.set(id, { content: card.content, language: card.cardLanguage });
  return computeCoverage({ languages, parts, cards: coverageCards, ...(targets ? { targets } : {}) });
}
