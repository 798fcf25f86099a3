import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ERROR_CODES, type ErrorCode } from '../services/errors.ts';

/** HTTP status of each error code; the one place the API decides it. */
export const STATUS_OF: Record<ErrorCode, ContentfulStatusCode> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  deadline_passed: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** The body of every problem: `{ error: { code, message, details? } }`. */
export type Problem = { error: { code: ErrorCode; message: string; details?: unknown } };

export function problem(code: ErrorCode, message: string, details?: unknown): Problem {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * The media type problems are served and documented as (RFC 9457's), so a client can tell a
 * refusal from a resource by its type alone; the body keeps the API's `{ error }` shape.
 */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';
const PROBLEM_HEADERS = { 'Content-Type': PROBLEM_MEDIA_TYPE } as const;

/** Answers a problem: the one way every part of the API refuses (errors, 404, 405, validation, limits). */
export function respondWithProblem(c: Context, code: ErrorCode, message: string, details?: unknown, status: ContentfulStatusCode = STATUS_OF[code]) {
  return c.json(problem(code, message, details), status, PROBLEM_HEADERS);
}

/** What each code means to a caller, as the OpenAPI document says it. */
const MEANING: Record<ErrorCode, string> = {
  invalid: 'The request is malformed or a value is not allowed.',
  unauthorized: 'A bearer token is missing or not valid.',
  forbidden: 'The token lacks the scope this needs.',
  not_found: 'No such resource.',
  method_not_allowed: 'The path does not take this method; `Allow` lists those it takes.',
  conflict: 'The resource is not in a state that allows this.',
  deadline_passed: 'The vote has closed: it no longer takes this.',
  payload_too_large: 'The request body is over the size this accepts.',
  rate_limited: 'Too many of these from this token or address; `Retry-After` says when to try again.',
  unavailable: 'The hub cannot serve this right now.',
  internal: 'Something went wrong on the hub; the message gives the request id it was logged with.',
};

/** A problem to document: a code, or a code with what it means on this route. */
export type DocumentedProblem = ErrorCode | { code: ErrorCode; description: string };

/**
 * OpenAPI response entries for the problems a route can answer, one per HTTP status. Codes that
 * share a status (`conflict` and `deadline_passed` are both 409) are documented together: the
 * description names each code and the schema's `code` lists exactly those, so neither hides the
 * other (a response object is keyed by status).
 */
export function problemResponses(...problems: DocumentedProblem[]) {
  const byStatus = Map.groupBy(
    problems.map((problem) => (typeof problem === 'string' ? { code: problem, description: MEANING[problem] } : problem)),
    ({ code }) => STATUS_OF[code],
  );
  return Object.fromEntries(
    [...byStatus].map(([status, entries]) => {
      // In the vocabulary's order, so that the same codes make the same schema whatever a route's order.
      const codes = ERROR_CODES.filter((code) => entries.some((entry) => entry.code === code));
      const description =
        entries.length === 1
          ? `\`${entries[0]!.code}\`: ${entries[0]!.description}`
          : `One of:\n${entries.map(({ code, description }) => `- \`${code}\`: ${description}`).join('\n')}`;
      return [status, { description, content: { [PROBLEM_MEDIA_TYPE]: { schema: problemSchemaFor(codes) } } }];
    }),
  );
}

const schemas = new Map<string, z.ZodType>();

/** The problem shape with `code` narrowed to `codes`, one named schema per set (`ConflictOrDeadlinePassedProblem`). */
function problemSchemaFor(codes: ErrorCode[]): z.ZodType {
  const name = `${codes.map(pascalCase).join('Or')}Problem`;
  let schema = schemas.get(name);
  if (!schema) {
    schema = z
      .object({
        error: z.object({
          code: z.enum(codes as [ErrorCode, ...ErrorCode[]]).openapi({ example: codes[0] }),
          message: z.string().openapi({ description: 'What went wrong, in words for a person.' }),
          details: z.unknown().optional().openapi({ description: 'Machine-readable specifics, such as the list of invalid fields.' }),
        }),
      })
      .openapi(name, { description: `A problem whose code is ${codes.map((code) => `\`${code}\``).join(' or ')}.` });
    schemas.set(name, schema);
  }
  return schema;
}

const pascalCase = (code: string) => code.replace(/(^|_)([a-z])/g, (_, _sep, letter: string) => letter.toUpperCase());
