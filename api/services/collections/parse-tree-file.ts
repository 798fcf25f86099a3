import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { ImportProblem, ImportWarning } from '../../domain/collections/import-warning.ts';
import { problemsFromIssues } from '../content/content-problems.ts';

type Parsed<T> = { ok: true; value: T; warnings: ImportWarning[] } | { ok: false; problems: ImportProblem[] };

/**
 * Parses and validates a YAML file of a collection tree. Repeated keys are a warning, not a
 * failure: the real tree has them (nemotron-cc-tower+-0.1/metadata.yaml) in parts the hub does not read.
 */
export function parseTreeYaml<S extends z.ZodType>(file: string, text: string, schema: S, dataset: string | null): Parsed<z.output<S>> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const duplicates = document.errors.filter((error) => error.code === 'DUPLICATE_KEY');
  const errors = document.errors.filter((error) => error.code !== 'DUPLICATE_KEY');
  if (errors.length > 0)
    return {
      ok: false,
      problems: errors.map((error) => ({
        file,
        line: lineCounter.linePos(error.pos[0]).line,
        message: `not valid YAML: ${error.message.split('\n')[0]}`,
        dataset,
      })),
    };
  const raw: unknown = document.toJS();
  const result = schema.safeParse(raw ?? {});
  if (!result.success)
    return {
      ok: false,
      problems: problemsFromIssues(file, result.error.issues, document, lineCounter, raw).map(({ entry, field, ...problem }) => ({
        ...problem,
        ...(field || entry ? { field: [entry, field].filter(Boolean).join('.') } : {}),
        dataset,
      })),
    };
  const warnings: ImportWarning[] = duplicates.length
    ? [
        {
          code: 'duplicate_keys',
          path: file,
          message: `${file}: ${duplicates.length} repeated key${duplicates.length === 1 ? '' : 's'} (first "${keyAt(text, duplicates[0]!.pos[0])}" on line ${
            lineCounter.linePos(duplicates[0]!.pos[0]).line
          }); the last value of each was used`,
        },
      ]
    : [];
  return { ok: true, value: result.data, warnings };
}

/** The key written at `offset` (up to its colon), for messages. */
function keyAt(text: string, offset: number): string {
  return text.slice(offset).split('\n')[0]!.replace(/:(\s.*)?$/, '').trim();
}

/** Parses and validates a JSON counts file; problems name the file and the field. */
export function parseTreeJson<S extends z.ZodType>(file: string, text: string, schema: S, dataset: string): Parsed<z.output<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ file, message: `not valid JSON: ${(error as Error).message}`, dataset }] };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data, warnings: [] };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => ({
      file,
      ...(issue.path.length ? { field: issue.path.map(String).join('.') } : {}),
      message: issue.message,
      dataset,
    })),
  };
}
