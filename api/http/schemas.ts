import { z } from '@hono/zod-openapi';

/** `limit` and `cursor`, shared by every list. */
export const pageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .default(100)
    .openapi({ description: 'Items per page (1–500).', example: 100 }),
  cursor: z
    .string()
    .max(500)
    .optional()
    .openapi({
      description:
        'The `next` value of the previous page, sent with the same filter. A cursor is opaque and good only for the list and the filter it came from: any other answers 400 `invalid`.',
    }),
};

/** The list envelope: `{ items, next }`. */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      next: z.string().nullable().openapi({ description: 'Cursor of the next page, or null on the last page.' }),
    })
    .openapi(name);
}

/**
 * A view schema shared with the site (plain zod, e.g. api/services/model-view-schemas.ts) as the
 * OpenAPI component `name`. Rebuilt with this module's `z`: `.openapi()` exists only on schemas made
 * after @hono/zod-openapi has loaded (a test or the site may import the view schemas first), and
 * only a schema named by `.openapi()` documents its `.extend()`s as `allOf: [its $ref, …]`.
 */
export function namedComponent<Shape extends z.ZodRawShape>(view: z.ZodObject<Shape>, name: string) {
  return z.object(view.shape).openapi(name);
}

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
