import type { ServiceContext } from '../context.ts';
import { isAppError } from '../errors.ts';
import { readAllPages } from '../pagination.ts';
import { getModelCard, listModelCards, type ModelCardView } from './model-cards.ts';

/** A card as the site shows it: the API's view without its bookkeeping timestamp. */
export type SnapshotModelCard = Omit<ModelCardView, 'updatedAt'>;

/**
 * Every live model card with its computed compliance, ordered by model id, for the site's card
 * pages. `updatedAt` is left out: the card's `revision` (sha256 of its file) already changes when
 * its content does, and a re-sync of an unchanged card must not change the site fingerprint.
 */
export async function buildModelCardsSnapshot(ctx: ServiceContext): Promise<SnapshotModelCard[]> {
  const summaries = await readAllPages((cursor) => listModelCards(ctx, { cursor, limit: 500 }));
  const cards = await Promise.all(summaries.map((summary) => cardOrNull(ctx, summary.modelId)));
  return cards.filter((card) => card !== null).map(({ updatedAt: _u, ...card }) => card);
}

/** A card removed by a sync between the listing and the read is simply not there any more. */
async function cardOrNull(ctx: ServiceContext, modelId: string): Promise<ModelCardView | null> {
  try {
    return await getModelCard(ctx, modelId);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return null;
    throw error;
  }
}
