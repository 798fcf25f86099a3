import type { z } from 'zod';
import { formatValuePath, type ValuePath } from './clean-text.ts';
import type { ImportWarning } from './import-warning.ts';

/** A parsed `metadata.yaml`: its path in the cycle, its top-level mapping and where each field sits. */
export type MetadataFile = {
  /** Relative to the cycle folder, e.g. `hplt-3.1/metadata.yaml`. */
  file: string;
  raw: Record<string, unknown>;
  lineOf: (path: ValuePath) => number | undefined;
};

/** `hplt-3.1/metadata.yaml:4`, or the file alone when the line is not known: how warnings start. */
export function whereIn(source: MetadataFile, path: ValuePath): string {
  const line = source.lineOf(path);
  return line ? `${source.file}:${line}` : source.file;
}

/**
 * One field, checked on its own. Absent or null → null. A value of the wrong shape is ignored
 * (null) with an `invalid_field` warning naming file, line, field, expectation and the value.
 */
export function readField<T>(source: MetadataFile, path: ValuePath, schema: z.ZodType<T>, warnings: ImportWarning[]): T | null {
  const value = valueAt(source.raw, path);
  if (value === undefined || value === null) return null;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = formatValuePath([...path, ...(issue.path as ValuePath)]);
  warnings.push({
    code: 'invalid_field',
    path: source.file,
    message: `${whereIn(source, path)}: field "${field}": ${issue.message}, got ${preview(value)}; ignored`,
  });
  return null;
}

// An opening or closing tag, a comment or a doctype: what a browser would read as markup.
const TAG = /<\/?[A-Za-z!][^<>]*>/;

/** A warning when text the pages show looks like HTML (they escape it; a reader should still know). */
export function markupWarning(source: MetadataFile, path: ValuePath, value: string | null): ImportWarning[] {
  const tag = value === null ? null : TAG.exec(value)?.[0];
  if (!tag) return [];
  return [
    {
      code: 'markup_in_text',
      path: source.file,
      message: `${whereIn(source, path)}: field "${formatValuePath(path)}" looks like HTML (${tag.length > 40 ? `${tag.slice(0, 39)}…` : tag}); it is kept as plain text, which pages show escaped, never as markup`,
    },
  ];
}

function valueAt(raw: unknown, path: ValuePath): unknown {
  let value = raw;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** A short rendering of a value for a message. */
export function preview(value: unknown): string {
  const shown = typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : String(value);
  return shown.length > 60 ? `${shown.slice(0, 59)}…` : shown;
}
