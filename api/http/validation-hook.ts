import type { Hook } from '@hono/zod-openapi';
import { respondWithProblem } from './problem.ts';
import type { AppEnv } from './app-env.ts';
import { malformedTextIssues } from '../services/input-text.ts';

/** Every validation failure, listed at once, in the problem shape; a lone surrogate or a NUL in any text is one. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) {
    // Valid by its schema, but text the database refuses is named here, field by field.
    const malformed = malformedTextIssues(result.data);
    if (malformed.length === 0) return;
    const issues = malformed.map((issue) => ({ in: result.target, ...issue }));
    return respondWithProblem(c, 'invalid', `The request's ${result.target} holds text that is not well-formed.`, { issues });
  }
  const issues = result.error.issues.map((issue) => ({
    in: result.target,
    path: issue.path.join('.'),
    message: issue.message,
  }));
  return respondWithProblem(c, 'invalid', `The request's ${result.target} is not valid.`, { issues });
};
