import { coverageMatrix, type CoverageMatrix } from '../../domain/collections/coverage-matrix.ts';
import type { ServiceContext } from '../context.ts';
import { readAllPages } from '../pagination.ts';
import { getCollection, listCollections, type CollectionView } from './collection-views.ts';
import { getCollectionCoverage, loadCoverageLanguages, type CoverageView } from './coverage.ts';
import { getDataset, listDatasets, type DatasetView } from './dataset-views.ts';

/** One cycle with what its pages show: the mix, the coverage table and the languages × datasets matrix. */
export type CycleSnapshot = { collection: CollectionView; coverage: CoverageView; matrix: CoverageMatrix };

/**
 * Everything the static site needs about training data, read in one go (the site never writes):
 * the datasets index and pages, each cycle's mix and language coverage, and the coverage matrix.
 * Plain JSON: no Dates, no Maps.
 */
export type CollectionsSnapshot = {
  generatedAt: string;
  /** Target languages in priority order, for the matrix's rows and legends. */
  languages: { code: string; name: string; variants: string[]; priority: number }[];
  cycles: CycleSnapshot[];
  datasets: DatasetView[];
};

export async function buildCollectionsSnapshot(ctx: ServiceContext): Promise<CollectionsSnapshot> {
  const [summaries, datasetSummaries, languages] = await Promise.all([
    readAllPages((cursor) => listCollections(ctx, { cursor, limit: 500 })),
    readAllPages((cursor) => listDatasets(ctx, { cursor, limit: 500 })),
    loadCoverageLanguages(ctx),
  ]);
  const cycles = await Promise.all(
    summaries.map(async ({ cycle }) => {
      const [collection, coverage] = await Promise.all([getCollection(ctx, cycle), getCollectionCoverage(ctx, cycle)]);
      return { collection, coverage, matrix: coverageMatrix(coverage) };
    }),
  );
  const datasets = await Promise.all(datasetSummaries.map(({ id }) => getDataset(ctx, id)));
  return {
    generatedAt: ctx.clock().toISOString(),
    languages: languages.map(({ code, name, variants, priority }) => ({ code, name, variants: [...variants], priority })),
    cycles,
    datasets,
  };
}
