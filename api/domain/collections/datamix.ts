import { cleanText } from './clean-text.ts';
import type { ImportProblem, ImportWarning } from './import-warning.ts';

/** One line of a cycle's `datamix.txt`: `WEIGHT <dataset>/megatron-lm[/<part path>]`. */
export type DatamixEntry = {
  line: number;
  weight: number;
  /** The path as written, e.g. `finepdfs-1.0.0/megatron-lm/ekk_Latn`. */
  path: string;
  dataset: string;
  /** The part's path inside the dataset; '' when the line names the whole dataset. */
  part: string;
  /** The language variant the part's path names, or null. */
  language: string | null;
};

const LANGUAGE_VARIANT = /^[a-z]{3}_[A-Z][a-z]{3}$/;
const ENTRY = /^(\S+)\s+(\S+)$/;
const PATH = /^([^/]+)\/megatron-lm(?:\/(.+))?$/;

/**
 * The language variant a part path names: its last segment shaped like `ekk_Latn`
 * (`parallel/tower72b/deu_Latn` → `deu_Latn`), or null (`high/actual`, '' for a whole dataset).
 */
export function languageOfPart(part: string): string | null {
  return part.split('/').findLast((segment) => LANGUAGE_VARIANT.test(segment)) ?? null;
}

/**
 * Parses `datamix.txt`. Blank lines and `#` comments are skipped. A line that cannot be read is a
 * problem of the dataset it names (so --skip-invalid can skip that dataset), or of the cycle when
 * it names none. A NUL or other character that cannot be stored is replaced (a warning says where)
 * before the line is read, so that no path or message carries it.
 */
export function parseDatamix(text: string, file = 'datamix.txt'): { entries: DatamixEntry[]; problems: ImportProblem[]; warnings: ImportWarning[] } {
  const entries: DatamixEntry[] = [];
  const problems: ImportProblem[] = [];
  const warnings: ImportWarning[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((written, index) => {
    const line = index + 1;
    const { text: raw, faults } = cleanText(written);
    if (faults.length > 0)
      warnings.push({ code: 'text_replaced', path: file, message: `${file}:${line}: holds ${faults.join(' and ')}; replaced with U+FFFD` });
    const content = raw.replace(/#.*$/, '').trim();
    if (content === '') return;
    const match = ENTRY.exec(content);
    const path = match?.[2] ?? content.split(/\s+/).at(-1)!;
    const pathMatch = PATH.exec(path);
    const dataset = pathMatch?.[1] ?? null;
    const problem = (message: string) => problems.push({ file, line, message, dataset });
    if (!match) return problem(`expected "WEIGHT PATH", got "${content}"`);
    if (!pathMatch) return problem(`expected a path "<dataset>/megatron-lm[/<part>]", got "${path}"`);
    const weight = Number(match[1]);
    if (!/^\d*\.?\d+(e-?\d+)?$/i.test(match[1]!) || !Number.isFinite(weight))
      return problem(`expected a non-negative number as weight, got "${match[1]}"`);
    const part = pathMatch[2] ?? '';
    if (part !== '' && part.split('/').some((segment) => segment === '' || segment === '.' || segment === '..'))
      return problem(`the part path "${part}" has an empty, "." or ".." segment`);
    const key = `${dataset}/${part}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) return problem(`"${path}" is already named on line ${earlier}`);
    seen.set(key, line);
    entries.push({ line, weight, path, dataset: dataset!, part, language: languageOfPart(part) });
  });
  return { entries, problems, warnings };
}
