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
      problems: untilFirstSyntaxError(document.errors).map((error) => ({
        file,
        line: lineCounter.linePos(error.pos[0]).line + shift,
        message: `not valid YAML: ${error.message.split('\n')[0]}${error.code === 'DUPLICATE_KEY' ? '' : AFTER_SYNTAX_ERROR}`,
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

const AFTER_SYNTAX_ERROR = ' (the rest of the file is checked once this is fixed)';

/**
 * A repeated key is a mistake of its own, but after a syntax error the parser's reading of the rest
 * of the file is a guess: one unclosed bracket in organizations.yaml made 682 errors. So the errors
 * up to the first syntax error, which is the one to fix.
 */
function untilFirstSyntaxError<E extends { code: string }>(errors: readonly E[]): E[] {
  const first = errors.findIndex((error) => error.code !== 'DUPLICATE_KEY');
  return first < 0 ? [...errors] : errors.slice(0, first + 1);
}
