import { z } from 'zod';

/**
 * The fields of a collection's `metadata.yaml` files the hub reads, each checked on its own
 * (describe-dataset.ts, describe-cycle.ts): the collection's own tooling reads many more, and a
 * field the hub cannot use is a warning, never a reason to refuse a dataset.
 */

/** Hugging Face dataset repository, `owner/name`. */
export const huggingfaceRepo = z
  .string({ error: 'expected a Hugging Face repository such as "HuggingFaceFW/finepdfs"' })
  .regex(/^[\w.-]+\/[\w.+-]+$/, 'expected a Hugging Face repository such as "HuggingFaceFW/finepdfs"');

/** Only http(s): a link a page shows must never run script (`javascript:`) or open a local file. */
export const sourceUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/** Free text; YAML reads `name: 2024` as a number, which is text all the same. */
export const text = z.union([z.string(), z.number().transform(String)], { error: 'expected text' });

/** One annotation task (contamination, pii, ...): who does it and how far it is. */
export const annotationTaskSchema = z
  .looseObject({ owner: text.nullish(), status: text.nullish() }, { error: 'expected "owner" and "status" under the task' })
  .nullable();
export type AnnotationTask = z.infer<typeof annotationTaskSchema>;

/** How far an annotation task is, whichever spelling the tree uses. */
export const ANNOTATION_STATES = ['todo', 'done', 'unknown'] as const;
export type AnnotationState = (typeof ANNOTATION_STATES)[number];

export type Annotation = {
  kind: string;
  owner: string | null;
  /** As written (`_to_do_`, `_todo_`, `done`), or null when the file gives none. */
  status: string | null;
  state: AnnotationState;
};

/** `_to_do_`, `_todo_`, `todo`, `to do` → todo; `done` → done; anything else or nothing → unknown. */
export function annotationState(status: string | null | undefined): AnnotationState {
  if (!status) return 'unknown';
  const word = status.toLowerCase().replace(/[_\s-]/g, '');
  if (word === 'todo') return 'todo';
  if (word === 'done') return 'done';
  return 'unknown';
}

/** The annotations of a dataset as a list sorted by kind, each with its normalised state. */
export function toAnnotations(annotations: Record<string, AnnotationTask> | null | undefined): Annotation[] {
  return Object.entries(annotations ?? {})
    .map(([kind, task]) => ({ kind, owner: task?.owner ?? null, status: task?.status ?? null, state: annotationState(task?.status) }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
}

/** Where a person can look the dataset up: the URL the tree gives, else its page on Hugging Face. */
export function datasetUrl(metadata: { huggingface?: string | null; url?: string | null }): string | null {
  if (metadata.url) return metadata.url;
  return metadata.huggingface ? `https://huggingface.co/datasets/${metadata.huggingface}` : null;
}
