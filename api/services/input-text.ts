import { characterProblem, isMalformedTextError } from '../../db/text-guard.ts';
import { AppError } from './errors.ts';

export type TextIssue = { path: string; message: string };

/**
 * Every string in a parsed input (keys included) that the database would refuse: a lone UTF-16
 * surrogate or a NUL (db/text-guard.ts). Input is judged as characters, not as JSON: a typed
 * `\u0000` is six characters, stored as written. Surfaces check their input with it so the caller is told
 * which field, before anything is written; the database's own check stays the guarantee.
 */
export function malformedTextIssues(value: unknown, path: string[] = [], issues: TextIssue[] = [], depth = 0): TextIssue[] {
  if (typeof value === 'string') {
    const problem = characterProblem(value);
    if (problem) issues.push({ path: path.join('.'), message: `expected well-formed text: it ${problem}` });
  } else if (typeof value === 'object' && value !== null && depth < 64) {
    for (const [key, item] of Object.entries(value)) {
      const keyProblem = characterProblem(key);
      if (keyProblem) issues.push({ path: [...path, '(a key)'].join('.'), message: `expected well-formed text: a key ${keyProblem}` });
      malformedTextIssues(item, [...path, key], issues, depth + 1);
    }
  }
  return issues;
}

/**
 * The database's refusal of text (it may come wrapped in drizzle's "Failed query" error) as the
 * `invalid` it is; anything else unchanged.
 */
export function asInputError(error: unknown): unknown {
  const refusal = isMalformedTextError(error) ? error : isMalformedTextError((error as { cause?: unknown } | null)?.cause) ? (error as { cause: Error }).cause : null;
  return refusal ? new AppError('invalid', refusal.message) : error;
}
