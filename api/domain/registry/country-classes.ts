import { z } from 'zod';
import { countryCode, httpUrl, isoDate } from './common.ts';

/**
 * Which countries count as what for the licensing rule (content/governance/countries.yaml).
 * Kept in content, not code, because association agreements change and the change deserves review.
 */
export const countryClassesFileSchema = z
  .strictObject({
    /** When the lists were last checked against their sources. */
    as_of: isoDate,
    sources: z.array(httpUrl).default([]),
    eu_member: z.array(countryCode).min(1, 'expected the EU member states'),
    eea: z.array(countryCode).default([]),
    digital_europe_associated: z.array(countryCode).default([]),
  })
  .superRefine((file, ctx) => {
    const eu = new Set(file.eu_member);
    file.eea.forEach((code, index) => {
      if (eu.has(code))
        ctx.addIssue({ code: 'custom', path: ['eea', index], message: `"${code}" is already an EU member state` });
    });
  });

export type CountryClassesEntry = z.infer<typeof countryClassesFileSchema>;
