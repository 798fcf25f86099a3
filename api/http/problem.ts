import { z } from '@hono/zod-openapi';
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
  unavailable: 503,
  internal: 500,
};

export const problemSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES).openapi({ example: 'not_found' }),
      message: z.string().openapi({ example: 'No organisation has the id "acme".' }),
      details: z.unknown().optional().openapi({ description: 'Machine-readable specifics, such as the list of invalid fields.' }),
    }),
  })
  .openapi('Problem');

export type Problem = z.infer<typeof problemSchema>;

export function problem(code: ErrorCode, message: string, details?: unknown): Problem {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** OpenAPI response entries for the problems a route can answer. */
export function problemResponses(...codes: ErrorCode[]) {
  const descriptions: Partial<Record<ErrorCode, string>> = {
    invalid: 'The request is malformed or a value is not allowed.',
    unauthorized: 'A bearer token is missing or not valid.',
    forbidden: 'The token lacks the scope this needs.',
    not_found: 'No such resource.',
    conflict: 'The resource is not in a state that allows this.',
  };
  return Object.fromEntries(
    codes.map((code) => [
      STATUS_OF[code],
      { description: descriptions[code] ?? code, content: { 'application/problem+json': { schema: problemSchema } } },
    ]),
  );
}
