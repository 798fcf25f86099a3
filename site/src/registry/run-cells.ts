import type { SiteRun } from '../../../api/site/site-snapshot.ts';
import { formatCompact, formatExact, formatLoss, formatProgress, formatThroughput } from './format.ts';
import { runStateText } from './training-labels.ts';

/**
 * A run as the training page shows it: the snapshot's run without what only the snapshot has, so
 * exactly the API's run resource (less its bookkeeping timestamps; both come from
 * api/services/training-run-view-schemas.ts). The build and the live script fill rows from it.
 */
export type LiveRun = Omit<SiteRun, 'events' | 'metrics'>;

export type Cell = { text: string; title?: string };

/**
 * Text of the training table's cells, shared by the build (training.astro) and the live script
 * (scripts/training-live.ts) so that a refreshed cell reads exactly like a built one.
 */
export function runCells(run: LiveRun): Record<'state' | 'step' | 'tokens' | 'loss' | 'throughput' | 'progress', Cell> {
  return {
    state: { text: runStateText(run.state) },
    step: {
      text: run.totalSteps === null ? formatExact(run.step) : `${formatExact(run.step)} / ${formatExact(run.totalSteps)}`,
    },
    tokens: {
      text: run.tokensTarget === null ? formatCompact(run.tokensSeen) : `${formatCompact(run.tokensSeen)} / ${formatCompact(run.tokensTarget)}`,
      title: run.tokensTarget === null ? `${formatExact(run.tokensSeen)} tokens seen` : `${formatExact(run.tokensSeen)} of ${formatExact(run.tokensTarget)} tokens`,
    },
    loss: { text: run.loss === null ? '—' : formatLoss(run.loss) },
    throughput: { text: run.throughput === null ? '—' : formatThroughput(run.throughput) },
    progress: { text: run.progress === null ? 'unknown' : formatProgress(run.progress) },
  };
}
