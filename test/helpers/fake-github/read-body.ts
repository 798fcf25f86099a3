import type { Context } from 'hono';
import type { z } from 'zod';
import { invalidRequest } from './github-error.ts';
import type { FakeEnv } from './world.ts';

/** The request's JSON body checked against the endpoint's schema; a mismatch is GitHub's 422. */
export function readBody<Schema extends z.ZodType>(c: Context<FakeEnv>, schema: Schema): z.infer<Schema> {
  const body = c.get('body') ?? {};
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalidRequest(parsed.error.issues, body);
  return parsed.data;
}

/** A path parameter that GitHub declares as an integer. */
export function intParam(c: Context, name: string): number {
  return Number(c.req.param(name));
}

/** A query parameter that must be one of `allowed`, else the default (GitHub ignores the rest). */
export function choiceQuery<const T extends string>(c: Context, name: string, allowed: readonly T[], fallback: T): T {
  const value = c.req.query(name);
  return allowed.find((choice) => choice === value) ?? fallback;
}
