import { downsampleEvenly, MAX_CHART_POINTS } from '../domain/training/downsample-series.ts';
import type { ServiceContext } from './context.ts';
import { getModelCoverage, type CoverageView } from './collections/coverage.ts';
import { isAppError } from './errors.ts';
import { listCheckpoints, listModels, type CheckpointView, type ModelView } from './models.ts';
import { readAllPages } from './pagination.ts';
import { getRun, listMetrics, listRuns, type MetricPoint, type RunDetail } from './training-runs.ts';

/** Events per run the site shows (newest first); the API has them all. */
export const MAX_SNAPSHOT_EVENTS = 1000;
/** Metric points read per query while collecting a series. */
const METRICS_PAGE = 5000;

export type SnapshotModel = Omit<ModelView, 'createdAt' | 'updatedAt'> & {
  checkpoints: Omit<CheckpointView, 'modelId'>[];
  coverage: CoverageView | null;
};

export type SnapshotRun = Omit<RunDetail, 'createdAt' | 'updatedAt'> & {
  metrics: { total: number; points: MetricPoint[] };
};

/**
 * The model registry and training runs as the site shows them: every model with its checkpoints and
 * language coverage, every run with its events and its metrics series thinned to at most
 * MAX_CHART_POINTS points (all of them up to that, otherwise an even sample keeping the first and
 * last). Bookkeeping timestamps are left out so that the snapshot, and so the site fingerprint,
 * changes only when something shown does.
 */
export async function buildModelsSnapshot(ctx: ServiceContext): Promise<{ models: SnapshotModel[]; trainingRuns: SnapshotRun[] }> {
  const [models, runs] = await Promise.all([
    readAllPages((cursor) => listModels(ctx, { cursor, limit: 500 })),
    readAllPages((cursor) => listRuns(ctx, { cursor, limit: 500 })),
  ]);
  const checkpoints = await listCheckpoints(ctx, models.map((model) => model.id));
  const snapshotModels = await Promise.all(
    models.map(async ({ createdAt: _c, updatedAt: _u, ...model }) => ({
      ...model,
      checkpoints: checkpoints.filter((checkpoint) => checkpoint.modelId === model.id).map(({ modelId: _m, ...checkpoint }) => checkpoint),
      coverage: await coverageOf(ctx, model),
    })),
  );
  const trainingRuns = await Promise.all(
    runs.map(async ({ id }) => {
      const [{ createdAt: _c, updatedAt: _u, ...run }, series] = await Promise.all([getRun(ctx, id, { events: MAX_SNAPSHOT_EVENTS }), readSeries(ctx, id)]);
      return { ...run, metrics: { total: series.length, points: downsampleEvenly(series, MAX_CHART_POINTS) } };
    }),
  );
  return { models: snapshotModels, trainingRuns };
}

/** A model's coverage, or null when it names no cycle or its cycle has not been imported. */
async function coverageOf(ctx: ServiceContext, model: Pick<ModelView, 'id' | 'cycle'>): Promise<CoverageView | null> {
  if (!model.cycle) return null;
  try {
    return await getModelCoverage(ctx, model.id);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return null;
    throw error;
  }
}

/** A run's whole metrics series; its pages' cursor is the last step read. */
function readSeries(ctx: ServiceContext, runId: string): Promise<MetricPoint[]> {
  return readAllPages((cursor) => listMetrics(ctx, { runId, afterStep: cursor === undefined ? undefined : Number(cursor), limit: METRICS_PAGE }));
}
