import type { CheckpointStatus, ModelStatus, RunEventKind, RunState } from '../../../api/domain/training/vocabulary.ts';

/**
 * Words for the training vocabularies (api/domain/training/vocabulary.ts). `Record<Union, …>` makes
 * the build fail when a value is added there without a label here. Key order is display order.
 * Each status carries a mark so that it reads without colour.
 */

type Variant = 'note' | 'danger' | 'success' | 'caution' | 'tip' | 'default';

export const MODEL_STATUS: Record<ModelStatus, { label: string; variant: Variant }> = {
  planned: { label: 'Planned', variant: 'default' },
  training: { label: 'Training', variant: 'note' },
  evaluating: { label: 'Evaluating', variant: 'tip' },
  candidate: { label: 'Release candidate', variant: 'caution' },
  released: { label: 'Released', variant: 'success' },
  deprecated: { label: 'Deprecated', variant: 'danger' },
};

export const RUN_STATE: Record<RunState, { label: string; mark: string }> = {
  running: { label: 'Running', mark: '▶' },
  paused: { label: 'Paused', mark: '⏸' },
  queued: { label: 'Queued', mark: '…' },
  failed: { label: 'Failed', mark: '✗' },
  completed: { label: 'Completed', mark: '✓' },
};

export const EVENT_KIND: Record<RunEventKind, { label: string; mark: string }> = {
  checkpoint_saved: { label: 'Checkpoint saved', mark: '◆' },
  restart: { label: 'Restart', mark: '↻' },
  failure: { label: 'Failure', mark: '✗' },
};

export const CHECKPOINT_STATUS: Record<CheckpointStatus, string> = {
  candidate: 'Candidate',
  released: 'Released',
  withdrawn: 'Withdrawn',
};

/** "▶ Running": the state in words, with a mark that repeats it. */
export function runStateText(state: RunState): string {
  return `${RUN_STATE[state].mark} ${RUN_STATE[state].label}`;
}

/** Running runs first, then paused, queued, failed, completed; by id within a state. */
export function compareRuns(a: { state: RunState; id: string }, b: { state: RunState; id: string }): number {
  const order = Object.keys(RUN_STATE) as RunState[];
  return order.indexOf(a.state) - order.indexOf(b.state) || a.id.localeCompare(b.id);
}
