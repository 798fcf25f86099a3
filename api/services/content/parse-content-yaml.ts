import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { problemsFromIssues, type ContentProblem } from './content-problems.ts';

/** Parses a content YAML file and validates it; problems name file, line, entry and field. */
export function parseContentYaml<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
): { ok: true; value: z.output<S> } | { ok: false; problems: ContentProblem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0)
    return {
      ok: false,
      problems: document.errors.map((error) => ({
        file,
        line: lineCounter.linePos(error.pos[0]).line,
        message: `not valid YAML: ${error.message.split('\n')[0]}`,
      })),
    };
  const raw: unknown = document.toJS();
  const result = schema.safeParse(raw ?? {});
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: problemsFromIssues(file, result.error.issues, document, lineCounter, raw) };
}
