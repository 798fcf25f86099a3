import { isNull } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import type { DatasetContent } from '../../domain/collections/vocabulary.ts';
import type { ServiceContext } from '../context.ts';

/** The reviewed facts of a dataset card, as every view shows them. */
export type CardFacts = {
  licence: string | null;
  licenceSource: string | null;
  /** True: may be redistributed; false: inspection only; null: unknown (or no card yet). */
  redistributable: boolean | null;
  /** Null when the dataset has no card. */
  content: DatasetContent | null;
  /** Language of the parts whose path names none, per the card. */
  cardLanguage: string | null;
  note: string | null;
};

export const NO_CARD: CardFacts = { licence: null, licenceSource: null, redistributable: null, content: null, cardLanguage: null, note: null };

/** Live dataset cards by dataset id. */
export async function loadCardFacts(ctx: ServiceContext): Promise<Map<string, CardFacts>> {
  const rows = await ctx.database.db.select().from(tables.datasetCards).where(isNull(tables.datasetCards.archivedAt));
  return new Map(
    rows.map((row) => [
      row.datasetId,
      {
        licence: row.licence,
        licenceSource: row.licenceSource,
        redistributable: row.redistributable,
        content: row.content,
        cardLanguage: row.language,
        note: row.note,
      },
    ]),
  );
}
