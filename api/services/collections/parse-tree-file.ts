import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { cleanValue, formatValuePath, type ValuePath } from '../../domain/collections/clean-text.ts';
import type { ImportProblem, ImportWarning } from '../../domain/collections/import-warning.ts';
import { problemsFromIssues } from '../content/content-problems.ts';

type Parsed<T> =
  | { ok: true; value: T; warnings: ImportWarning[]; lineOf: (path: ValuePath) => number | undefined }
  | { ok: false; problems: ImportProblem[] };

/**
 * Parses and validates a YAML file of a collection tree. Repeated keys are a warning, not a
 * failure: the real tree has them (nemotron-cc-tower+-0.1/metadata.yaml) in parts the hub does not
 * read. Strings that cannot be stored (a NUL, an unpaired surrogate from a `\uD800` escape) are
 * replaced before validation, each with a warning naming file, line and field.
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
  const lineOf = (path: ValuePath) => nodeLine(document, lineCounter, path);
  const { value: raw, replacements } = cleanValue(document.toJS());
  const warnings: ImportWarning[] = replacements.map(({ path, faults }) => {
    const line = lineOf(path);
    return { code: 'text_replaced', path: file, message: `${file}${line ? `:${line}` : ''}: field "${formatValuePath(path)}" holds ${faults.join(' and ')}; replaced with U+FFFD` };
  });
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
  if (duplicates.length)
    warnings.push({
      code: 'duplicate_keys',
      path: file,
      message: `${file}: ${duplicates.length} repeated key${duplicates.length === 1 ? '' : 's'} (first "${keyAt(text, duplicates[0]!.pos[0])}" on line ${
        lineCounter.linePos(duplicates[0]!.pos[0]).line
      }); the last value of each was used`,
    });
  return { ok: true, value: result.data, warnings, lineOf };
}

/** Line of the deepest node of `path` the document holds (the parent's, for a missing field). */
function nodeLine(document: Document.Parsed, lineCounter: LineCounter, path: ValuePath): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** The key written at `offset` (up to its colon), for messages; cleaned like every stored string. */
function keyAt(text: string, offset: number): string {
  return (cleanValue(text.slice(offset).split('\n')[0]!).value as string).replace(/:(\s.*)?$/, '').trim();
}

/** Parses and validates a JSON counts file; problems name the file and the field. */
export function parseTreeJson<S extends z.ZodType>(file: string, text: string, schema: S, dataset: string): Parsed<z.output<S>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ file, message: `not valid JSON: ${(error as Error).message}`, dataset }] };
  }
  const { value: raw, replacements } = cleanValue(parsed);
  const result = schema.safeParse(raw);
  // Of a counts file the hub keeps the figures and the tokenizer's name: only that text is worth a warning.
  const kept = replacements.filter(({ path }) => path.length === 1 && path[0] === 'tokenizer');
  if (result.success)
    return {
      ok: true,
      value: result.data,
      warnings: kept.map(({ path, faults }) => ({ code: 'text_replaced', path: file, message: `${file}: field "${formatValuePath(path)}" holds ${faults.join(' and ')}; replaced with U+FFFD` })),
      lineOf: () => undefined,
    };
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
