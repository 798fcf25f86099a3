import { LineCounter, type Document } from 'yaml';
import type { z } from 'zod';

/** One thing wrong with a content file, precise enough to fix without reading code. */
export type ContentProblem = {
  /** The file: the content folder joined to its path inside it. */
  file: string;
  line?: number;
  /** The list entry at fault, e.g. `organizations[4] "amd-silo-ai"`. */
  entry?: string;
  /** The field within the entry, e.g. `ownership_control.controllers[0].country`. */
  field?: string;
  message: string;
};

type PathSegment = PropertyKey;

/** A content file as read: its plain data, and the line of any path in it. */
export type ContentSource = {
  /** Path as problems name it. */
  file: string;
  raw: unknown;
  /** Line of the deepest node of `path` that exists (the parent, for a missing field). */
  lineAt(path: readonly PathSegment[]): number | undefined;
};

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
  return problemsOfSource({ file, raw, lineAt: (path) => lineOf(document, lineCounter, path) }, issues);
}

/** The same, for a source already read (see `parseContentYaml`). */
export function problemsOfSource(source: ContentSource, issues: readonly z.core.$ZodIssue[]): ContentProblem[] {
  return issues.flatMap((issue) => {
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    return keys.map((unknownKey) => {
      const path = unknownKey === undefined ? issue.path : [...issue.path, unknownKey];
      let message = issue.message;
      if (issue.code === 'unrecognized_keys') message = 'unknown field (check its spelling or remove it)';
      else if (valueAt(source.raw, path) === undefined && issue.code === 'invalid_type') message = `missing; ${message}`;
      return problemAt(source, path, message);
    });
  });
}

/** A problem at `path` of a source: its line, the entry it is in and the field within the entry. */
export function problemAt(source: ContentSource, path: readonly PathSegment[], message: string): ContentProblem {
  const { entry, field } = describePath(path, source.raw);
  const line = source.lineAt(path);
  return { file: source.file, ...(line ? { line } : {}), ...(entry ? { entry } : {}), ...(field ? { field } : {}), message };
}

/**
 * Splits a path into the list entry (the first list item with fields of its own, e.g.
 * `organizations[1] "amd-silo-ai"`) and the field inside it. An item that is a plain value (a code
 * in `eu_member`, a language of a card) is a field, not an entry.
 */
export function describePath(path: readonly PathSegment[], raw: unknown): { entry?: string; field?: string } {
  const indexAt = path.findIndex((segment, at) => {
    if (typeof segment !== 'number') return false;
    const item = valueAt(raw, path.slice(0, at + 1));
    return item !== null && typeof item === 'object';
  });
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

export function valueAt(raw: unknown, path: readonly PathSegment[]): unknown {
  let value = raw;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** Line of the deepest node of `path` that exists in the document (the parent, for a missing field). */
export function lineOf(document: Document.Parsed, lineCounter: LineCounter, path: readonly PathSegment[]): number | undefined {
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
