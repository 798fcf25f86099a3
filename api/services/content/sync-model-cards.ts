import { eq, inArray } from 'drizzle-orm';
import { tables, type Transaction } from '../../../db/index.ts';
import type { LedgerEvent } from '../ledger.ts';
import type { ModelCard } from './read-model-cards.ts';
import { reconcile, type Reconciliation } from './reconcile.ts';

/** The registry facts a card states about its model version. */
function modelRowOf(card: ModelCard) {
  const front = card.frontMatter;
  return {
    familyId: front.family.id,
    version: front.version,
    name: front.name,
    status: front.status,
    parameters: front.architecture?.parameters ?? null,
    architecture: front.architecture?.type ?? null,
    contextWindow: front.architecture?.context_window ?? null,
    licence: front.licence?.id ?? null,
    languages: front.languages,
    cycle: front.data?.collection ?? null,
    isDemo: front.example,
  };
}

/**
 * Brings `model_cards` in line with the card files and registers or updates the model version each
 * card describes (the card is the reviewed source of its registry facts). The card's revision is the
 * sha256 of its file: what a release vote pins. Removed cards are archived; their models stay.
 */
export async function syncModelCards(
  tx: Transaction,
  cards: readonly ModelCard[],
  now: string,
  record: (event: LedgerEvent) => void,
): Promise<Reconciliation<unknown>> {
  const table = tables.modelCards;
  const stored = (await tx.select().from(table)).map((row) => ({
    key: row.modelId,
    digest: row.revision,
    archived: row.archivedAt !== null,
    values: { path: row.path, frontMatter: row.frontMatter, body: row.body },
  }));
  const wanted = cards.map((card) => ({
    key: card.frontMatter.model,
    digest: card.revision,
    values: { path: card.path, frontMatter: card.frontMatter, body: card.body },
  }));
  const plan = reconcile(stored, wanted);
  const byModel = new Map(cards.map((card) => [card.frontMatter.model, card]));
  for (const row of [...plan.create, ...plan.update]) {
    const card = byModel.get(row.key)!;
    await upsertModel(tx, row.key, card, now, record);
    const values = { path: card.path, revision: card.revision, frontMatter: card.frontMatter, body: card.body, isExample: card.frontMatter.example, archivedAt: null, updatedAt: now };
    if (plan.create.includes(row as (typeof plan.create)[number])) await tx.insert(table).values({ modelId: row.key, ...values });
    else await tx.update(table).set(values).where(eq(table.modelId, row.key));
  }
  if (plan.archive.length) await tx.update(table).set({ archivedAt: now, updatedAt: now }).where(inArray(table.modelId, plan.archive));
  return plan;
}

async function upsertModel(tx: Transaction, id: string, card: ModelCard, now: string, record: (event: LedgerEvent) => void) {
  const { models, modelFamilies } = tables;
  const family = card.frontMatter.family;
  const [existingFamily] = await tx.select().from(modelFamilies).where(eq(modelFamilies.id, family.id));
  const familyValues = { name: family.name, description: family.description ?? null, isDemo: card.frontMatter.example };
  if (!existingFamily) {
    await tx.insert(modelFamilies).values({ id: family.id, ...familyValues, updatedAt: now });
    record({ type: 'model_family.created', subject: `model_family:${family.id}`, data: {} });
  } else if (existingFamily.name !== familyValues.name || existingFamily.description !== familyValues.description) {
    await tx.update(modelFamilies).set({ name: familyValues.name, description: familyValues.description, updatedAt: now }).where(eq(modelFamilies.id, family.id));
    record({ type: 'model_family.updated', subject: `model_family:${family.id}`, data: {} });
  }
  const values = modelRowOf(card);
  const [existing] = await tx.select().from(models).where(eq(models.id, id));
  if (!existing) {
    await tx.insert(models).values({ id, ...values, createdAt: now, updatedAt: now });
    record({ type: 'model.created', subject: `model:${id}`, data: { status: values.status, cardRevision: card.revision } });
    return;
  }
  const changed = (Object.keys(values) as (keyof typeof values)[]).filter((key) => JSON.stringify(existing[key]) !== JSON.stringify(values[key]));
  if (changed.length === 0) return;
  await tx.update(models).set({ ...values, updatedAt: now }).where(eq(models.id, id));
  record({ type: 'model.updated', subject: `model:${id}`, data: { fields: changed, status: values.status, cardRevision: card.revision } });
}
