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
  cursor: z.string().max(500).optional().openapi({ description: 'The `next` value of the previous page.' }),
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

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}
