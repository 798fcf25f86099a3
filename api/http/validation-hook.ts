import type { Hook } from '@hono/zod-openapi';
import { respondWithProblem } from './problem.ts';
import type { AppEnv } from './app-env.ts';

/** Every validation failure, listed at once, in the problem shape. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return;
  const issues = result.error.issues.map((issue) => ({
    in: result.target,
    path: issue.path.join('.'),
    message: issue.message,
  }));
  return respondWithProblem(c, 'invalid', `The request's ${result.target} is not valid.`, { issues });
};
