import { eq } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { ModelCardFrontMatter } from '../../domain/model-cards/card-schema.ts';
import type { LanguageDirectory } from '../../domain/model-cards/exports/export-languages.ts';
import { buildTrainingSummary, type SummaryDatasetInput, type TrainingSummary } from '../../domain/model-cards/exports/training-summary.ts';
import { getCollection, type CollectionView } from '../collections/collection-views.ts';
import { getCollectionCoverage, type CoverageView } from '../collections/coverage.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';

/** The card's linked collection cycle, imported, with its coverage; or why there is none. */
export type LinkedCollection =
  | { found: true; collection: CollectionView; coverage: CoverageView; release: Record<string, unknown> | null }
  | { found: false; reason: 'no_collection' | 'collection_not_imported'; cycle: string | null };

/** Loads the collection cycle a card names in `data.collection`, if it has been imported. */
export async function loadLinkedCollection(ctx: ServiceContext, card: ModelCardFrontMatter): Promise<LinkedCollection> {
  const cycle = card.data?.collection;
  if (!cycle) return { found: false, reason: 'no_collection', cycle: null };
  const [row] = await ctx.database.db.select({ settings: tables.collections.settings }).from(tables.collections).where(eq(tables.collections.id, cycle));
  if (!row) return { found: false, reason: 'collection_not_imported', cycle };
  const [collection, coverage] = await Promise.all([getCollection(ctx, cycle), getCollectionCoverage(ctx, cycle)]);
  return { found: true, collection, coverage, release: row.settings.release };
}

/**
 * The public summary of training content of a card. Answers `conflict` when the card names no
 * collection cycle or the cycle has not been imported: the card exists, but the summary cannot be
 * generated until it is linked to imported data.
 */
export async function summariseTrainingContent(
  ctx: ServiceContext,
  input: { modelId: string; card: ModelCardFrontMatter; revision: string; languages: LanguageDirectory; linked: LinkedCollection },
): Promise<TrainingSummary> {
  const { linked } = input;
  if (!linked.found) {
    const message =
      linked.reason === 'no_collection'
        ? `The model card of "${input.modelId}" names no training-data collection (data.collection), so its training summary cannot be generated.`
        : `The model card of "${input.modelId}" names collection cycle "${linked.cycle}", which has not been imported; import it with \`agora import collection\` first.`;
    throw new AppError('conflict', message, { id: input.modelId, reason: linked.reason, cycle: linked.cycle });
  }
  const { collection, coverage } = linked;
  const datasets: SummaryDatasetInput[] = collection.datasets.map((dataset) => ({
    id: dataset.id,
    name: dataset.name,
    url: dataset.url,
    huggingface: dataset.huggingface,
    licence: dataset.licence,
    licenceSource: dataset.licenceSource,
    redistributable: dataset.redistributable,
    content: dataset.content,
    note: dataset.note,
    share: coverage.totalWeight > 0 ? dataset.weight / coverage.totalWeight : 0,
    releaseTokens: dataset.parts.reduce((sum, part) => sum + (part.release?.tokens ?? 0), 0),
    sourceTokens: dataset.parts.reduce((sum, part) => sum + (part.source?.tokens ?? 0), 0),
  }));
  return buildTrainingSummary({
    card: input.card,
    revision: input.revision,
    collection: {
      cycle: collection.cycle,
      name: collection.name,
      date: collection.date,
      tokenizer: collection.tokenizer,
      updatedAt: collection.updatedAt,
      release: linked.release,
      datasets,
    },
    coverage,
    languages: input.languages,
  });
}
