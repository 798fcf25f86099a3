import { z } from 'zod';
import type { ImportWarning } from './import-warning.ts';
import { markupWarning, readField, whereIn, type MetadataFile } from './metadata-fields.ts';
import { annotationTaskSchema, datasetUrl, huggingfaceRepo, sourceUrl, text, toAnnotations, type Annotation, type AnnotationTask } from './metadata.ts';

/** What the hub records of a dataset's `metadata.yaml`; every gap already filled or left null. */
export type DatasetDescription = {
  /** As written, or the folder's name when the file gives none. */
  name: string;
  /** The URL the file gives, else the Hugging Face page; null: where it comes from is unknown. */
  url: string | null;
  huggingface: string | null;
  catalogue: string | null;
  annotations: Annotation[];
};

/**
 * Reads a dataset folder's `metadata.yaml` (`source`; null when the folder has none). Descriptive
 * gaps are warnings, never refusals: a missing or empty name falls back to the folder id, a missing
 * source stays null (shown as unknown), a field of the wrong shape is ignored, and every key the
 * hub does not read (release and sample settings, mask, shard, filters, ...) is left alone.
 */
export function describeDataset(id: string, source: MetadataFile | null): { description: DatasetDescription; warnings: ImportWarning[] } {
  if (!source)
    return {
      description: { name: id, url: null, huggingface: null, catalogue: null, annotations: [] },
      warnings: [
        {
          code: 'metadata_missing',
          path: `${id}/metadata.yaml`,
          message: `${id}/metadata.yaml: missing; the datamix names this dataset, so it is imported, named after its folder, with its source unknown`,
        },
      ],
    };
  const warnings: ImportWarning[] = [];
  const name = readField(source, ['name'], text, warnings)?.trim() || null;
  if (name === null) {
    const isEmpty = typeof source.raw.name === 'string';
    warnings.push({
      code: 'name_missing',
      path: source.file,
      message: `${isEmpty ? whereIn(source, ['name']) : source.file}: field "name" is ${isEmpty ? 'empty' : 'missing'}; the dataset is named after its folder, "${id}"`,
    });
  }
  const huggingface = readField(source, ['huggingface'], huggingfaceRepo, warnings);
  const url = readField(source, ['url'], sourceUrl, warnings);
  if (huggingface === null && url === null)
    warnings.push({
      code: 'source_unknown',
      path: source.file,
      message: `${source.file}: neither "huggingface" nor "url" says where the dataset comes from; its source is shown as unknown`,
    });
  const catalogue = readField(source, ['catalogue'], text, warnings);
  const annotations = toAnnotations(readAnnotations(source, warnings));
  warnings.push(
    ...markupWarning(source, ['name'], name),
    ...markupWarning(source, ['catalogue'], catalogue),
    ...annotations.flatMap((annotation) => [
      ...markupWarning(source, ['annotations', annotation.kind], annotation.kind),
      ...markupWarning(source, ['annotations', annotation.kind, 'owner'], annotation.owner),
      ...markupWarning(source, ['annotations', annotation.kind, 'status'], annotation.status),
    ]),
  );
  return { description: { name: name ?? id, url: datasetUrl({ huggingface, url }), huggingface, catalogue, annotations }, warnings };
}

/** Annotation tasks one by one: a task of the wrong shape is left out, the others kept. */
function readAnnotations(source: MetadataFile, warnings: ImportWarning[]): Record<string, AnnotationTask> {
  const tasks = readField(source, ['annotations'], z.record(z.string(), z.unknown(), { error: 'expected a mapping of annotation tasks' }), warnings);
  const kept: Record<string, AnnotationTask> = {};
  for (const [kind, task] of Object.entries(tasks ?? {})) {
    if (task === null) {
      kept[kind] = null;
      continue;
    }
    const parsed = readField(source, ['annotations', kind], annotationTaskSchema, warnings);
    if (parsed !== null) kept[kind] = parsed;
  }
  return kept;
}
