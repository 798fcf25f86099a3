import { z } from 'zod';

/**
 * A cycle's `metadata.yaml`. The collection's own tooling reads more than the hub does; unknown
 * fields are kept out of the way rather than refused, so a new pipeline option does not break imports.
 */
export const cycleMetadataSchema = z.looseObject({
  name: z.string({ error: 'expected the cycle\'s name' }).min(1, 'expected the cycle\'s name'),
  /** As written, e.g. "May 2026" (YAML may read a bare date as a date: it is turned back into text). */
  date: z
    .union([z.string(), z.date().transform((date) => date.toISOString().slice(0, 10)), z.number().transform(String)])
    .optional(),
  tokenizer: z.string().min(1).optional(),
  /** Release settings for the whole cycle (filter, mask, ...). */
  release: z.record(z.string(), z.unknown()).nullish(),
  /** Per-dataset packing settings. */
  sources: z.record(z.string(), z.unknown()).nullish(),
});
export type CycleMetadata = z.infer<typeof cycleMetadataSchema>;

const annotationSchema = z.looseObject({
  owner: z.string().nullish(),
  status: z.string().nullish(),
});

/** A dataset folder's `metadata.yaml`, as far as the hub uses it. */
export const datasetMetadataSchema = z
  .looseObject({
    name: z.string({ error: 'expected the dataset\'s name' }).min(1, 'expected the dataset\'s name'),
    /** Hugging Face dataset repository, `owner/name`. */
    huggingface: z
      .string()
      .regex(/^[\w.-]+\/[\w.+-]+$/, 'expected a Hugging Face repository such as "HuggingFaceFW/finepdfs"')
      .optional(),
    url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
    catalogue: z.string().optional(),
    /** Annotation tasks by kind (contamination, pii, ...): who does them and how far they are. */
    annotations: z.record(z.string(), annotationSchema.nullable()).nullish(),
  })
  .refine((metadata) => metadata.huggingface !== undefined || metadata.url !== undefined, {
    message: 'expected "huggingface" or "url" saying where the dataset comes from',
    path: ['url'],
  });
export type DatasetMetadata = z.infer<typeof datasetMetadataSchema>;

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
export function toAnnotations(annotations: DatasetMetadata['annotations']): Annotation[] {
  return Object.entries(annotations ?? {})
    .map(([kind, task]) => ({ kind, owner: task?.owner ?? null, status: task?.status ?? null, state: annotationState(task?.status) }))
    .sort((a, b) => a.kind.localeCompare(b.kind));
}

/** Where a person can look the dataset up: its page on Hugging Face, else the URL the tree gives. */
export function datasetUrl(metadata: Pick<DatasetMetadata, 'huggingface' | 'url'>): string | null {
  if (metadata.url) return metadata.url;
  return metadata.huggingface ? `https://huggingface.co/datasets/${metadata.huggingface}` : null;
}
