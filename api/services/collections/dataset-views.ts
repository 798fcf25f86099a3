import { asc, eq, inArray } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import { variantResolver } from '../../domain/collections/coverage.ts';
import { findingsOfDataset, type ImportWarning } from '../../domain/collections/import-warning.ts';
import type { Annotation } from '../../domain/collections/metadata.ts';
import { sumStageCounts, type StageCounts } from '../../domain/collections/stage-counts.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { pagedList, type Page } from '../pagination.ts';
import { loadCoverageLanguages } from './coverage.ts';
import { splitFindings, toPartView, type PartView } from './collection-views.ts';
import { loadCardFacts, NO_CARD, type CardFacts } from './dataset-cards.ts';
import { decisionsAbout, type DecisionLink } from '../decisions/decisions-about.ts';
import { effectsOn } from '../decisions/decision-effects.ts';

export type DatasetSummary = CardFacts & { id: string; name: string; url: string | null; cycles: string[] };

export type DatasetCycleView = {
  cycle: string;
  name: string;
  annotations: Annotation[];
  weight: number;
  source: StageCounts | null;
  release: StageCounts | null;
  parts: PartView[];
  /** The import's warnings about the dataset in this cycle (a missing name or source, ...). */
  warnings: ImportWarning[];
};

/** Counts of one language of a dataset in one cycle: its parts in that language, summed. */
export type DatasetLanguageView = {
  cycle: string;
  variant: string;
  /** ISO 639-3 code (through the target languages' variants lists). */
  code: string;
  /** `path`: the parts' paths name it; `card`: the dataset card does. */
  via: 'path' | 'card';
  parts: number;
  weight: number;
  source: StageCounts | null;
  release: StageCounts | null;
};

export type DatasetView = Omit<DatasetSummary, 'cycles'> & {
  huggingface: string | null;
  catalogue: string | null;
  /** As the most recently imported cycle holding the dataset describes them. */
  annotations: Annotation[];
  /** The cycles holding the dataset, most recently imported first. */
  cycles: DatasetCycleView[];
  languages: DatasetLanguageView[];
  /** Where the consortium's decisions left it: accepted (for a cycle, or the catalogue) or deprecated; null when none has. */
  standing: DatasetStanding | null;
  /** The votes about this dataset, open and closed. */
  decisions: DecisionLink[];
};

export type DatasetStanding = { state: 'accepted' | 'deprecated'; proposalId: string; at: string; cycle: string | null };

type DatasetRow = typeof tables.collectionDatasets.$inferSelect;

const datasetPages = pagedList({ name: 'datasets', direction: 'asc', columns: [tables.collectionDatasets.datasetId] });

/** Datasets of every imported cycle, ordered by id, a page at a time. */
export async function listDatasets(ctx: ServiceContext, filter: { cursor?: string | undefined; limit: number }): Promise<Page<DatasetSummary>> {
  const paging = datasetPages.open(filter.cursor);
  const table = tables.collectionDatasets;
  const found = await ctx.database.db
    .selectDistinct({ id: table.datasetId })
    .from(table)
    .where(paging.after)
    .orderBy(...datasetPages.orderBy)
    .limit(filter.limit + 1);
  const page = paging.page(found, filter.limit, (row) => [row.id]);
  const ids = page.items.map((row) => row.id);
  const [rows, order, cards] = await Promise.all([ctx.database.db.select().from(table).where(inArray(table.datasetId, ids)), cycleOrder(ctx), loadCardFacts(ctx)]);
  const byDataset = Map.groupBy(rows, (row) => row.datasetId);
  const items = ids.map((id) => summarise(id, latestFirst(byDataset.get(id) ?? [], order), cards.get(id) ?? NO_CARD));
  return { items, next: page.next };
}

/** One dataset across the cycles that hold it, with per-language counts; `not_found` when none does. */
export async function getDataset(ctx: ServiceContext, id: string): Promise<DatasetView> {
  const { collectionDatasets, collectionParts, collections } = tables;
  const [rows, parts, order, cards, languages, cycleNames] = await Promise.all([
    ctx.database.db.select().from(collectionDatasets).where(eq(collectionDatasets.datasetId, id)),
    ctx.database.db.select().from(collectionParts).where(eq(collectionParts.datasetId, id)).orderBy(asc(collectionParts.part)),
    cycleOrder(ctx),
    loadCardFacts(ctx),
    loadCoverageLanguages(ctx),
    ctx.database.db.select({ id: collections.id, name: collections.name, warnings: collections.warnings }).from(collections),
  ]);
  if (rows.length === 0) throw new AppError('not_found', `No imported collection holds a dataset "${id}".`, { id });
  const card = cards.get(id) ?? NO_CARD;
  const ordered = latestFirst(rows, order);
  const codeOf = variantResolver(languages);
  const cycles = ordered.map((row) => {
    const own = parts.filter((part) => part.collectionId === row.collectionId);
    const collection = cycleNames.find((cycle) => cycle.id === row.collectionId);
    return {
      cycle: row.collectionId,
      name: collection?.name ?? row.collectionId,
      annotations: row.annotations,
      weight: own.reduce((total, part) => total + part.weight, 0),
      source: row.source,
      release: row.release,
      parts: own.map((part) => toPartView(part, card)),
      warnings: findingsOfDataset(splitFindings(collection?.warnings ?? []).warnings, id),
    };
  });
  const { cycles: _ids, ...summary } = summarise(id, ordered, card);
  const ref = `dataset:${id}`;
  const [decisions, effects] = await Promise.all([decisionsAbout(ctx.database.db, [ref]), effectsOn(ctx.database.db, [ref])]);
  const latest = effects.find((effect) => effect.effect === 'accepted' || effect.effect === 'deprecated');
  return {
    standing: latest ? { state: latest.effect as DatasetStanding['state'], proposalId: latest.proposalId, at: latest.at, cycle: (latest.details.cycle as string | null | undefined) ?? null } : null,
    decisions: decisions.get(ref)!,
    ...summary,
    huggingface: ordered[0]!.huggingface,
    catalogue: ordered[0]!.catalogue,
    annotations: ordered[0]!.annotations,
    cycles,
    languages: cycles.flatMap((cycle) => byLanguage(cycle.cycle, cycle.parts, codeOf)),
  };
}

function summarise(id: string, latestFirstRows: DatasetRow[], card: CardFacts): DatasetSummary {
  const latest = latestFirstRows[0];
  return { id, name: latest?.name ?? id, url: latest?.url ?? null, ...card, cycles: latestFirstRows.map((row) => row.collectionId) };
}

function byLanguage(cycle: string, parts: PartView[], codeOf: (variant: string) => string): DatasetLanguageView[] {
  const groups = new Map<string, PartView[]>();
  for (const part of parts) {
    const variant = part.language ?? part.cardLanguage;
    if (variant) groups.set(variant, [...(groups.get(variant) ?? []), part]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b)).map(([variant, group]) => ({
    cycle,
    variant,
    code: codeOf(variant),
    via: group[0]!.language ? ('path' as const) : ('card' as const),
    parts: group.length,
    weight: group.reduce((total, part) => total + part.weight, 0),
    source: sumKnown(group.map((part) => part.source)),
    release: sumKnown(group.map((part) => part.release)),
  }));
}

/** Sum of the stages present; null when no part has the stage. */
function sumKnown(stages: (StageCounts | null)[]): StageCounts | null {
  const present = stages.filter((stage): stage is StageCounts => stage !== null);
  return present.length ? sumStageCounts(present) : null;
}

/** Cycle ids, most recently imported first: the latest cycle describes a dataset. */
async function cycleOrder(ctx: ServiceContext): Promise<string[]> {
  const rows = await ctx.database.db.select({ id: tables.collections.id, importedAt: tables.collections.importedAt }).from(tables.collections);
  return rows.sort((a, b) => b.importedAt.localeCompare(a.importedAt) || a.id.localeCompare(b.id)).map((row) => row.id);
}

function latestFirst(rows: DatasetRow[], order: string[]): DatasetRow[] {
  return [...rows].sort((a, b) => order.indexOf(a.collectionId) - order.indexOf(b.collectionId));
}
