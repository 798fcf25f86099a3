import { asc, count, eq, inArray, sum } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import { findingsOfDataset, isImportNote, type ImportFinding, type ImportNote, type ImportWarning } from '../../domain/collections/import-warning.ts';
import type { Annotation } from '../../domain/collections/metadata.ts';
import type { StageCounts } from '../../domain/collections/stage-counts.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { pagedList, type Page } from '../pagination.ts';
import { loadCardFacts, NO_CARD, type CardFacts } from './dataset-cards.ts';

export type PartView = {
  /** Path of the part inside the dataset; '' when the datamix line names the whole dataset. */
  part: string;
  /** The datamix.txt path. */
  path: string;
  /** The language variant the part's path names, or null. */
  language: string | null;
  /** For a part whose path names no language: the variant its dataset card gives, if any. */
  cardLanguage: string | null;
  weight: number;
  source: StageCounts | null;
  release: StageCounts | null;
};

export type CollectionDatasetView = Omit<CardFacts, 'cardLanguage'> & {
  id: string;
  name: string;
  url: string | null;
  huggingface: string | null;
  catalogue: string | null;
  annotations: Annotation[];
  /** Sum of its parts' datamix weights. */
  weight: number;
  source: StageCounts | null;
  release: StageCounts | null;
  parts: PartView[];
  /** The import's warnings about this dataset. */
  warnings: ImportWarning[];
};

export type CollectionView = {
  cycle: string;
  name: string;
  date: string | null;
  tokenizer: string | null;
  importedAt: string;
  updatedAt: string;
  warnings: ImportWarning[];
  notes: ImportNote[];
  datasets: CollectionDatasetView[];
};

export type CollectionSummary = Omit<CollectionView, 'datasets' | 'warnings' | 'notes'> & {
  datasetCount: number;
  partCount: number;
  /** Sum of the parts' release tokens (parts without release counts add nothing). */
  releaseTokens: number;
  warningCount: number;
  noteCount: number;
};

/** A stored collection's findings, warnings and notes apart. */
export function splitFindings(findings: readonly ImportFinding[]): { warnings: ImportWarning[]; notes: ImportNote[] } {
  const notes = findings.filter(isImportNote);
  return { warnings: findings.filter((finding): finding is ImportWarning => !isImportNote(finding)), notes };
}

type PartRow = typeof tables.collectionParts.$inferSelect;

export function toPartView(row: PartRow, card: CardFacts): PartView {
  const cardLanguage = row.language === null && card.content === 'text' ? card.cardLanguage : null;
  return { part: row.part, path: row.path, language: row.language, cardLanguage, weight: row.weight, source: row.source, release: row.release };
}

const collectionPages = pagedList({ name: 'collections', direction: 'asc', columns: [tables.collections.id] });

/** Imported cycles ordered by id, a page at a time, with how much each holds. */
export async function listCollections(ctx: ServiceContext, filter: { cursor?: string | undefined; limit: number }): Promise<Page<CollectionSummary>> {
  const paging = collectionPages.open(filter.cursor);
  const { collections, collectionDatasets, collectionParts } = tables;
  const found = await ctx.database.db
    .select()
    .from(collections)
    .where(paging.after)
    .orderBy(...collectionPages.orderBy)
    .limit(filter.limit + 1);
  const { items: rows, next } = paging.page(found, filter.limit, (row) => [row.id]);
  const ids = rows.map((row) => row.id);
  const datasetCounts = new Map(
    (await ctx.database.db.select({ id: collectionDatasets.collectionId, n: count() }).from(collectionDatasets).where(inArray(collectionDatasets.collectionId, ids)).groupBy(collectionDatasets.collectionId)).map(
      (row) => [row.id, row.n],
    ),
  );
  const partTotals = new Map(
    (
      await ctx.database.db
        .select({ id: collectionParts.collectionId, n: count(), tokens: sum(collectionParts.releaseTokens).mapWith(Number) })
        .from(collectionParts)
        .where(inArray(collectionParts.collectionId, ids))
        .groupBy(collectionParts.collectionId)
    ).map((row) => [row.id, row]),
  );
  const items = rows.map((row) => ({
    cycle: row.id,
    name: row.name,
    date: row.dateLabel,
    tokenizer: row.tokenizer,
    importedAt: row.importedAt,
    updatedAt: row.updatedAt,
    datasetCount: datasetCounts.get(row.id) ?? 0,
    partCount: partTotals.get(row.id)?.n ?? 0,
    releaseTokens: partTotals.get(row.id)?.tokens ?? 0,
    warningCount: splitFindings(row.warnings).warnings.length,
    noteCount: splitFindings(row.warnings).notes.length,
  }));
  return { items, next };
}

/** One cycle with every dataset (card facts applied) and every part of its mix; `not_found` if not imported. */
export async function getCollection(ctx: ServiceContext, cycle: string): Promise<CollectionView> {
  const { collections, collectionDatasets, collectionParts } = tables;
  const [row] = await ctx.database.db.select().from(collections).where(eq(collections.id, cycle));
  if (!row) throw new AppError('not_found', `No collection cycle "${cycle}" has been imported.`, { cycle });
  const [datasets, parts, cards] = await Promise.all([
    ctx.database.db.select().from(collectionDatasets).where(eq(collectionDatasets.collectionId, cycle)).orderBy(asc(collectionDatasets.datasetId)),
    ctx.database.db.select().from(collectionParts).where(eq(collectionParts.collectionId, cycle)).orderBy(asc(collectionParts.datasetId), asc(collectionParts.part)),
    loadCardFacts(ctx),
  ]);
  const findings = splitFindings(row.warnings);
  return {
    cycle: row.id,
    name: row.name,
    date: row.dateLabel,
    tokenizer: row.tokenizer,
    importedAt: row.importedAt,
    updatedAt: row.updatedAt,
    ...findings,
    datasets: datasets.map((dataset) => {
      const { cardLanguage: _language, ...card } = cards.get(dataset.datasetId) ?? NO_CARD;
      const own = parts.filter((part) => part.datasetId === dataset.datasetId);
      return {
        id: dataset.datasetId,
        name: dataset.name,
        url: dataset.url,
        huggingface: dataset.huggingface,
        catalogue: dataset.catalogue,
        ...card,
        annotations: dataset.annotations,
        weight: own.reduce((total, part) => total + part.weight, 0),
        source: dataset.source,
        release: dataset.release,
        parts: own.map((part) => toPartView(part, cards.get(dataset.datasetId) ?? NO_CARD)),
        warnings: findingsOfDataset(findings.warnings, dataset.datasetId),
      };
    }),
  };
}

/** Whether a cycle has been imported (for views that depend on one). */
export async function requireCollection(ctx: ServiceContext, cycle: string): Promise<void> {
  const [row] = await ctx.database.db.select({ id: tables.collections.id }).from(tables.collections).where(eq(tables.collections.id, cycle));
  if (!row) throw new AppError('not_found', `No collection cycle "${cycle}" has been imported.`, { cycle });
}
