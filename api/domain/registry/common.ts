import { z } from 'zod';
import { isCountryCode } from '../countries.ts';

/** A calendar date written as YYYY-MM-DD (what YAML 1.2 leaves as a string). */
export const isoDate = z
  .string({ error: 'expected a date written as YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written as YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'expected a real calendar date');

/** A stable identifier used in URLs and in the ledger: lower-case letters, digits and dashes. */
export const slug = z
  .string({ error: 'expected an identifier' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected lower-case letters, digits and single dashes (e.g. "charles-university")');

/** An ISO 3166-1 alpha-2 country code. */
export const countryCode = z
  .string({ error: 'expected an ISO 3166-1 alpha-2 country code' })
  .refine(isCountryCode, {
    error: (issue) => `expected an ISO 3166-1 alpha-2 country code (e.g. "FI", "DE"), got "${String(issue.input)}"`,
  });

export const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/** Report every duplicate of `key` in `items` as an issue on the duplicate's own path. */
export function rejectDuplicates<T>(key: keyof T & string, label: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const firstIndex = new Map<unknown, number>();
    items.forEach((item, index) => {
      const value = item[key];
      if (value === undefined || value === null) return;
      const seen = firstIndex.get(value);
      if (seen === undefined) firstIndex.set(value, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: [index, key],
          message: `duplicate ${label} "${String(value)}" (already used by entry ${seen + 1})`,
        });
    });
  };
}
