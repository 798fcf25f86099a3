import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { tables, type Transaction } from '../../../db/index.ts';
import type { AssembledCycle, CollectionValues } from '../../domain/collections/assemble-cycle.ts';
import type { ImportFinding } from '../../domain/collections/import-warning.ts';
import { canonicalJson } from '../../domain/ledger/canonical-json.ts';
import { reconcile, type Reconciliation, type WantedRow } from '../content/reconcile.ts';
import type { LedgerEvent } from '../ledger.ts';

export type ChangeCounts = { created: number; updated: number; removed: number; unchanged: number };
export type CycleChanges = { collection: 'created' | 'updated' | 'unchanged'; datasets: ChangeCounts; parts: ChangeCounts };

const digestOf = (value: unknown) => createHash('sha256').update(canonicalJson(value)).digest('hex');
const wanted = <V extends Record<string, unknown>>(key: string, values: V): WantedRow<V> => ({ key, digest: digestOf(values), values });
const partKey = (datasetId: string, part: string) => (part === '' ? datasetId : `${datasetId}/${part}`);

/** An assembled cycle as stored: the collection keeps its notes beside its warnings. */
export type CycleToStore = Omit<AssembledCycle, 'collection'> & { collection: Omit<CollectionValues, 'warnings'> & { warnings: ImportFinding[] } };

/**
 * Brings one cycle's rows in line with the assembled tree inside the caller's transaction and
 * records one ledger event per entity that changed (ids and digests only, with the changed field
 * names). Rows of `untouched` datasets (skipped as invalid) are neither compared nor changed.
 */
export async function writeCycle(
  tx: Transaction,
  cycleId: string,
  assembled: CycleToStore,
  untouched: ReadonlySet<string>,
  now: string,
  record: (event: LedgerEvent) => void,
): Promise<CycleChanges> {
  const { collections, collectionDatasets, collectionParts } = tables;
  const storedCollection = (await tx.select().from(collections).where(eq(collections.id, cycleId))).map(
    ({ id, name, dateLabel, tokenizer, settings, warnings, digest }) => ({ key: id, digest, archived: false, values: { name, dateLabel, tokenizer, settings, warnings } }),
  );
  const storedDatasets = (await tx.select().from(collectionDatasets).where(eq(collectionDatasets.collectionId, cycleId)))
    .filter((row) => !untouched.has(row.datasetId))
    .map(({ datasetId, name, url, huggingface, catalogue, annotations, source, release, digest }) => ({
      key: datasetId,
      digest,
      archived: false,
      values: { name, url, huggingface, catalogue, annotations, source, release },
    }));
  const storedParts = (await tx.select().from(collectionParts).where(eq(collectionParts.collectionId, cycleId)))
    .filter((row) => !untouched.has(row.datasetId))
    .map(({ datasetId, part, path, language, weight, source, release, digest }) => ({
      key: partKey(datasetId, part),
      digest,
      archived: false,
      values: { datasetId, part, path, language, weight, source, release },
    }));

  const collectionPlan = reconcile(storedCollection, [wanted(cycleId, assembled.collection)]);
  const datasetPlan = reconcile(
    storedDatasets,
    assembled.datasets.map(({ datasetId, ...values }) => wanted(datasetId, values)),
  );
  const partPlan = reconcile(
    storedParts,
    assembled.parts.map((values) => wanted(partKey(values.datasetId, values.part), values)),
  );

  // Deletions go child first (parts, then datasets); insertions parent first. The foreign keys hold throughout.
  for (const key of partPlan.archive) {
    const [datasetId, ...rest] = key.split('/');
    await tx
      .delete(collectionParts)
      .where(and(eq(collectionParts.collectionId, cycleId), eq(collectionParts.datasetId, datasetId!), eq(collectionParts.part, rest.join('/'))));
  }
  for (const key of datasetPlan.archive)
    await tx.delete(collectionDatasets).where(and(eq(collectionDatasets.collectionId, cycleId), eq(collectionDatasets.datasetId, key)));

  const changed = collectionPlan.create.length + collectionPlan.update.length + countChanges(datasetPlan) + countChanges(partPlan) > 0;
  for (const row of collectionPlan.create) await tx.insert(collections).values({ id: cycleId, ...row.values, digest: row.digest, importedAt: now, updatedAt: now });
  for (const row of collectionPlan.update) await tx.update(collections).set({ ...row.values, digest: row.digest, updatedAt: now }).where(eq(collections.id, cycleId));
  if (changed && collectionPlan.update.length === 0 && collectionPlan.create.length === 0)
    await tx.update(collections).set({ updatedAt: now }).where(eq(collections.id, cycleId));

  for (const row of datasetPlan.create)
    await tx.insert(collectionDatasets).values({ collectionId: cycleId, datasetId: row.key, ...row.values, digest: row.digest, updatedAt: now });
  for (const row of datasetPlan.update)
    await tx
      .update(collectionDatasets)
      .set({ ...row.values, digest: row.digest, updatedAt: now })
      .where(and(eq(collectionDatasets.collectionId, cycleId), eq(collectionDatasets.datasetId, row.key)));

  const partRow = (row: WantedRow<(typeof assembled.parts)[number]>) => ({
    ...row.values,
    collectionId: cycleId,
    sourceTokens: row.values.source?.tokens ?? null,
    releaseTokens: row.values.release?.tokens ?? null,
    digest: row.digest,
    updatedAt: now,
  });
  // SQLite caps bound parameters per statement; insert in slices.
  for (let i = 0; i < partPlan.create.length; i += 50) await tx.insert(collectionParts).values(partPlan.create.slice(i, i + 50).map(partRow));
  for (const row of partPlan.update)
    await tx
      .update(collectionParts)
      .set(partRow(row))
      .where(and(eq(collectionParts.collectionId, cycleId), eq(collectionParts.datasetId, row.values.datasetId), eq(collectionParts.part, row.values.part)));

  recordChanges('collection', '', collectionPlan, record);
  recordChanges('collection_dataset', `${cycleId}/`, datasetPlan, record);
  recordChanges('collection_part', `${cycleId}/`, partPlan, record);
  return {
    collection: collectionPlan.create.length ? 'created' : collectionPlan.update.length ? 'updated' : 'unchanged',
    datasets: toCounts(datasetPlan),
    parts: toCounts(partPlan),
  };
}

function countChanges(plan: Reconciliation<Record<string, unknown>>): number {
  return plan.create.length + plan.update.length + plan.archive.length;
}

function toCounts(plan: Reconciliation<Record<string, unknown>>): ChangeCounts {
  return { created: plan.create.length, updated: plan.update.length, removed: plan.archive.length, unchanged: plan.unchanged };
}

function recordChanges<V extends Record<string, unknown>>(entity: string, prefix: string, plan: Reconciliation<V>, record: (event: LedgerEvent) => void) {
  for (const row of plan.create) record({ type: `${entity}.created`, subject: `${entity}:${prefix}${row.key}`, data: { digest: row.digest } });
  for (const row of plan.update)
    record({ type: `${entity}.updated`, subject: `${entity}:${prefix}${row.key}`, data: { digest: row.digest, fields: row.changed } });
  for (const key of plan.archive) record({ type: `${entity}.removed`, subject: `${entity}:${prefix}${key}`, data: {} });
}
