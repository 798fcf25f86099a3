import { LineCounter, type Document } from 'yaml';
import type { z } from 'zod';

/** One thing wrong with a content file, precise enough to fix without reading code. */
export type ContentProblem = {
  /** Path relative to the content folder. */
  file: string;
  line?: number;
  /** The list entry at fault, e.g. `organizations[4] "amd-silo-ai"`. */
  entry?: string;
  /** The field within the entry, e.g. `ownership_control.controllers[0].country`. */
  field?: string;
  message: string;
};

type PathSegment = PropertyKey;

/** Keys that identify an entry in each list, used to name it in messages. */
const IDENTIFYING_KEYS = ['id', 'code', 'kind'] as const;

/** Turns zod issues into problems naming file, line, entry, field and what was expected. */
export function problemsFromIssues(
  file: string,
  issues: readonly z.core.$ZodIssue[],
  document: Document.Parsed,
  lineCounter: LineCounter,
  raw: unknown,
): ContentProblem[] {
  return issues.flatMap((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((unknownKey) => {
      const path = unknownKey === undefined ? issue.path : [...issue.path, unknownKey];
      const { entry, field } = describePath(path, raw);
      const value = valueAt(raw, path);
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') message = 'unknown field (check its spelling or remove it)';
      else if (value === undefined && issue.code === 'invalid_type') message = `missing; ${message}`;
      const line = lineOf(document, lineCounter, path);
      return { file, ...(line ? { line } : {}), ...(entry ? { entry } : {}), ...(field ? { field } : {}), message };
    });
  });
}

/** Splits a path into the list entry (first numeric index) and the field inside it. */
export function describePath(path: readonly PathSegment[], raw: unknown): { entry?: string; field?: string } {
  const indexAt = path.findIndex((segment) => typeof segment === 'number');
  if (indexAt < 0) return { field: formatPath(path) || undefined };
  const entryPath = path.slice(0, indexAt + 1);
  const entryValue = valueAt(raw, entryPath);
  const label = identify(entryValue);
  const entry = `${formatPath(entryPath)}${label ? ` "${label}"` : ''}`;
  const field = formatPath(path.slice(indexAt + 1));
  return field ? { entry, field } : { entry };
}

function identify(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  for (const key of IDENTIFYING_KEYS) {
    const id = (value as Record<string, unknown>)[key];
    if (typeof id === 'string' || typeof id === 'number') return String(id);
  }
  return undefined;
}

function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text ? `${text}.${String(segment)}` : String(segment);
  }, '');
}

function valueAt(raw: unknown, path: readonly PathSegment[]): unknown {
  let value = raw;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** Line of the deepest node of `path` that exists in the document (the parent, for a missing field). */
function lineOf(document: Document.Parsed, lineCounter: LineCounter, path: readonly PathSegment[]): number | undefined {
  for (let length = path.length; length >= 0; length--) {
    const node = document.getIn(path.slice(0, length) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** One line per problem: `file:line: entry → field: message`. */
export function formatProblem(problem: ContentProblem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  const what = [problem.entry, problem.field].filter(Boolean).join(' → ');
  return `${where}: ${what ? `${what}: ` : ''}${problem.message}`;
}
