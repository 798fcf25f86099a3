import type { InArgs, InStatement } from '@libsql/client';

/**
 * Text that enters the database is well-formed: no lone UTF-16 surrogate and no NUL, on every path
 * (API, CLI, content sync, imports, bots), because the write client checks every statement's
 * parameters. SQLite stores a lone surrogate as bytes that are not UTF-8, and libSQL aborts the
 * whole process when it reads such a row back, so one stored string would keep the hub down for
 * good. Batch statements pass rows as JSON text, where JSON.stringify writes a lone surrogate or a
 * NUL as an escape (`\ud800`, `\u0000`) that SQLite's JSON functions decode into the same bytes:
 * those escapes are refused too (JSON.stringify writes paired surrogates as characters, never as
 * escapes, so any surrogate escape in its output is a lone one).
 */
export class MalformedTextError extends Error {
  /** The offending parameter's position or name, for the error message. */
  readonly parameter: string;
  constructor(parameter: string, problem: string) {
    super(`Text must be well-formed Unicode without NUL characters: parameter ${parameter} ${problem}.`);
    this.name = 'MalformedTextError';
    this.parameter = parameter;
  }
}

export function isMalformedTextError(error: unknown): error is MalformedTextError {
  return error instanceof MalformedTextError;
}

/** A JSON escape of a surrogate or of NUL that is not itself escaped (preceded by an even run of backslashes). */
const ESCAPED_BAD_CHARACTER = /(?<!\\)(?:\\\\)*\\u(?:0000|[dD][89a-fA-F][0-9a-fA-F]{2})/;

/** JSON arrays and objects are what batch statements pass; other text is stored as written, escapes and all. */
function looksLikeJson(text: string): boolean {
  const first = text.charCodeAt(0);
  return first === 0x5b || first === 0x7b; // [ or {
}

/** Why a piece of text, taken as characters, may not be stored, or null when it may. */
export function characterProblem(text: string): string | null {
  if (!text.isWellFormed()) return 'holds a lone UTF-16 surrogate';
  if (text.includes('\u0000')) return 'holds a NUL character';
  return null;
}

/** Why a statement parameter may not be stored, or null when it may: its characters, and in JSON its escapes. */
export function textProblem(text: string): string | null {
  const problem = characterProblem(text);
  if (problem) return problem;
  if (looksLikeJson(text) && text.includes('\\u') && ESCAPED_BAD_CHARACTER.test(text)) return 'holds an escaped lone surrogate or NUL';
  return null;
}

/** Throws MalformedTextError when a parameter of the statement is text that may not be stored. */
export function assertStorableText(statement: InStatement): void {
  if (typeof statement === 'string') return checkOne('(the SQL text)', statement);
  const args: InArgs | undefined = statement.args;
  if (!args) return;
  if (Array.isArray(args)) {
    for (let index = 0; index < args.length; index++) {
      const value = args[index];
      if (typeof value === 'string') checkOne(`#${index + 1}`, value);
    }
    return;
  }
  for (const [name, value] of Object.entries(args)) if (typeof value === 'string') checkOne(`:${name}`, value);
}

function checkOne(parameter: string, text: string): void {
  const problem = textProblem(text);
  if (problem) throw new MalformedTextError(parameter, problem);
}
