import { asc, eq } from 'drizzle-orm';
import { tables, type Database } from '../../../db/index.ts';
import type { LanguageDirectory } from '../../domain/model-cards/exports/export-languages.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';

export type CardRow = typeof tables.modelCards.$inferSelect;

/** The live card of a model, or why there is none (the model is unknown, has no card, or its card was removed). */
export async function findCard(ctx: ServiceContext, modelId: string): Promise<FoundCard> {
  return findCardIn(ctx.database.db, modelId);
}

export type FoundCard = { card: CardRow } | { card: null; reason: 'no_model' | 'no_card' | 'card_removed' };

/** As findCard, through a given handle (a write's own, to decide inside its transaction). */
export async function findCardIn(db: Database, modelId: string): Promise<FoundCard> {
  const [card] = await db.select().from(tables.modelCards).where(eq(tables.modelCards.modelId, modelId));
  if (card && card.archivedAt === null) return { card };
  if (card) return { card: null, reason: 'card_removed' };
  const [model] = await db.select({ id: tables.models.id }).from(tables.models).where(eq(tables.models.id, modelId));
  return { card: null, reason: model ? 'no_card' : 'no_model' };
}

/** The live card of a model; `not_found` saying why when there is none. */
export async function requireCard(ctx: ServiceContext, modelId: string): Promise<CardRow> {
  const found = await findCard(ctx, modelId);
  if (found.card) return found.card;
  throw new AppError('not_found', whyNoCard(modelId, found.reason), { id: modelId, reason: found.reason });
}

/** The sentence every surface shows when a model has no live card. */
export function whyNoCard(modelId: string, reason: 'no_model' | 'no_card' | 'card_removed'): string {
  if (reason === 'no_model') return `No model has the id "${modelId}".`;
  if (reason === 'card_removed') return `The model card of "${modelId}" was removed from content/models/.`;
  return `Model "${modelId}" has no model card: add content/models/<family>/<version>.md and sync.`;
}

/** The consortium's languages by ISO 639-3 code, with names and ISO 639-1 codes, for the exports. */
export async function loadLanguageDirectory(ctx: ServiceContext): Promise<LanguageDirectory> {
  const table = tables.languages;
  const rows = await ctx.database.db.select({ code: table.code, name: table.name, iso6391: table.iso6391 }).from(table).orderBy(asc(table.priority));
  return new Map(rows.map((row) => [row.code, row]));
}
