import { z } from 'zod';
import type { ImportWarning } from './import-warning.ts';
import { markupWarning, readField, whereIn, type MetadataFile } from './metadata-fields.ts';
import { text } from './metadata.ts';

/** What the hub records of a cycle's `metadata.yaml`. */
export type CycleDescription = {
  /** As written; null when the file gives none (the cycle is then named after its folder). */
  name: string | null;
  /** As written, e.g. "May 2026" (YAML may read a bare date as a date: it is turned back into text). */
  dateLabel: string | null;
  tokenizer: string | null;
  /** The cycle-wide `release` settings (filter, mask, ...) and the per-dataset `sources` packing settings, as written. */
  settings: { release: Record<string, unknown> | null; sources: Record<string, unknown> | null };
};

const dateLabel = z.union([text, z.date().transform((date) => date.toISOString().slice(0, 10))], { error: 'expected a date such as "May 2026"' });
const settings = z.record(z.string(), z.unknown(), { error: 'expected a mapping of settings' });

/**
 * Reads a cycle's `metadata.yaml`. As for datasets, a gap is a warning: a missing name is filled
 * in by the caller from the folder, a field of the wrong shape is ignored, unknown keys are left alone.
 */
export function describeCycle(id: string, source: MetadataFile): { description: CycleDescription; warnings: ImportWarning[] } {
  const warnings: ImportWarning[] = [];
  const name = readField(source, ['name'], text, warnings)?.trim() || null;
  if (name === null)
    warnings.push({
      code: 'name_missing',
      path: source.file,
      message: `${typeof source.raw.name === 'string' ? whereIn(source, ['name']) : source.file}: field "name" is ${typeof source.raw.name === 'string' ? 'empty' : 'missing'}; the cycle is named after its folder, "${id}"`,
    });
  const description: CycleDescription = {
    name,
    dateLabel: readField(source, ['date'], dateLabel, warnings),
    tokenizer: readField(source, ['tokenizer'], text, warnings)?.trim() || null,
    settings: { release: readField(source, ['release'], settings, warnings), sources: readField(source, ['sources'], settings, warnings) },
  };
  warnings.push(...markupWarning(source, ['name'], name), ...markupWarning(source, ['date'], description.dateLabel));
  return { description, warnings };
}
