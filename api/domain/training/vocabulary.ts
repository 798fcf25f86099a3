/**
 * Vocabularies of the model registry and training runs. Like ../vocabulary.ts this file imports
 * nothing, so db/ may use it for its columns.
 */

/** Where a model version is in its life. */
export const MODEL_STATUSES = ['planned', 'training', 'evaluating', 'candidate', 'released', 'deprecated'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** Where a training run is. `completed` is final. */
export const RUN_STATES = ['queued', 'running', 'paused', 'failed', 'completed'] as const;
export type RunState = (typeof RUN_STATES)[number];

/** What a training job may report happened. */
export const RUN_EVENT_KINDS = ['checkpoint_saved', 'restart', 'failure'] as const;
export type RunEventKind = (typeof RUN_EVENT_KINDS)[number];

/** Where a checkpoint stands in the registry. Reported ones start as candidates. */
export const CHECKPOINT_STATUSES = ['candidate', 'released', 'withdrawn'] as const;
export type CheckpointStatus = (typeof CHECKPOINT_STATUSES)[number];
