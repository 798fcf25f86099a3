import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { lineOf, problemsOfSource, type ContentProblem, type ContentSource } from './content-problems.ts';

type Parsed<T> = { ok: true; value: T; source: ContentSource } | { ok: false; problems: ContentProblem[]; source?: ContentSource };

/**
 * Parses a content YAML file and validates it; problems name file, line, entry and field. The
 * source (the plain data and a way to find the line of any path in it) comes back whenever the YAML
 * itself could be read, valid or not, so that checks across files can still look into it.
 * `firstLine` is the file's line of the YAML's first line (a model card's front matter starts on 2).
 */
export function parseContentYaml<S extends z.ZodType>(
  file: string,
  text: string,
  schema: S,
  { firstLine = 1 }: { firstLine?: number } = {},
): Parsed<z.output<S>> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const shift = firstLine - 1;
  if (document.errors.length > 0)
    return {
      ok: false,
      problems: document.errors.map((error) => ({
        file,
        line: lineCounter.linePos(error.pos[0]).line + shift,
        message: `not valid YAML: ${error.message.split('\n')[0]}`,
      })),
    };
  const raw: unknown = document.toJS();
  const source: ContentSource = {
    file,
    raw,
    lineAt: (path) => {
      const line = lineOf(document, lineCounter, path);
      return line === undefined ? undefined : line + shift;
    },
  };
  const result = schema.safeParse(raw ?? {});
  if (result.success) return { ok: true, value: result.data, source };
  return { ok: false, problems: problemsOfSource(source, result.error.issues), source };
}
