import { createHash } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { tables, type Transaction } from '../../../db/index.ts';
import { canonicalJson } from '../../domain/ledger/canonical-json.ts';
import type { DatasetCard } from './read-dataset-cards.ts';
import { reconcile, type Reconciliation } from './reconcile.ts';

/** A card as its row stores it: `redistributable: unknown` becomes null. */
export function toDatasetCardRow(card: DatasetCard) {
  return {
    licence: card.licence,
    licenceSource: card.licence_source ?? null,
    redistributable: card.redistributable === 'unknown' ? null : card.redistributable,
    content: card.content,
    language: card.language ?? null,
    note: card.note ?? null,
  };
}

/** Brings `dataset_cards` in line with the card files; a removed file archives its card. */
export async function syncDatasetCards(tx: Transaction, cards: readonly DatasetCard[], now: string) {
  const table = tables.datasetCards;
  const stored = (await tx.select().from(table)).map(({ datasetId, contentDigest, archivedAt, updatedAt: _u, ...values }) => ({
    key: datasetId,
    digest: contentDigest,
    archived: archivedAt !== null,
    values,
  }));
  const wanted = cards.map((card) => ({
    key: card.id,
    digest: createHash('sha256').update(canonicalJson(card)).digest('hex'),
    values: toDatasetCardRow(card),
  }));
  const plan: Reconciliation<ReturnType<typeof toDatasetCardRow>> = reconcile(stored, wanted);
  for (const row of plan.create) await tx.insert(table).values({ datasetId: row.key, ...row.values, contentDigest: row.digest, updatedAt: now });
  for (const row of plan.update)
    await tx.update(table).set({ ...row.values, contentDigest: row.digest, archivedAt: null, updatedAt: now }).where(eq(table.datasetId, row.key));
  if (plan.archive.length) await tx.update(table).set({ archivedAt: now, updatedAt: now }).where(inArray(table.datasetId, plan.archive));
  return plan;
}
