import { z } from 'zod';
import { collectionViewSchema, datasetViewSchema, stageCountsSchema } from '../services/collections/collection-view-schemas.ts';
import { coverageViewSchema } from '../services/collections/coverage-view-schema.ts';

/**
 * The training-data part of the site snapshot: what `buildCollectionsSnapshot` gives (datasets,
 * cycles with their mix, coverage and matrix), field for field. The collection, dataset and
 * coverage shapes are the API's (api/services/collections/collection-view-schemas.ts,
 * coverage-view-schema.ts); only the matrix is the site's own. The hub checks at compile time that what
 * it writes fits (`satisfies SiteSnapshot` in api/hub/site-manager.ts).
 */

const matrixSchema = z.object({
  /** Column order: datasets by descending weight in the mix. */
  datasets: z.array(z.string()),
  rows: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      /** False for languages outside the targets (e.g. Georgian). */
      target: z.boolean(),
      share: z.number(),
      cells: z.array(z.object({ weight: z.number(), share: z.number(), releaseTokens: z.number(), via: z.enum(['path', 'card']) }).nullable()),
    }),
  ),
});

/** `buildCollectionsSnapshot` without its `generatedAt` (the snapshot has one) and `languages` (ditto). */
export const collectionsSnapshotSchema = z.object({
  cycles: z.array(z.object({ collection: collectionViewSchema, coverage: coverageViewSchema, matrix: matrixSchema })),
  datasets: z.array(datasetViewSchema),
});

export type SiteCollections = z.infer<typeof collectionsSnapshotSchema>;
export type SiteCycle = SiteCollections['cycles'][number];
export type SiteDataset = SiteCollections['datasets'][number];
export type SiteCoverage = z.infer<typeof coverageViewSchema>;
export type SiteStageCounts = z.infer<typeof stageCountsSchema>;
