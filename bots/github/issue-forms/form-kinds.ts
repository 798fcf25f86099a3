import type { z } from 'zod';
import { releaseFilingSchema } from '../../../api/domain/decisions/release-filing.ts';
import { publicFilingSchemas } from '../../../api/domain/requests/request-schemas.ts';

/** What can be filed as a GitHub issue: the four request types and a release proposal. */
export const FORM_KINDS = ['dataset', 'access', 'inspection', 'card_correction', 'release'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/**
 * The schema each form is generated from and parsed back into. Requests use their public filing
 * schema (no confidential field: an issue is public); a release uses the release filing.
 */
export const FILING_SCHEMAS = { ...publicFilingSchemas, release: releaseFilingSchema } as const;

/** What a parsed issue of each kind holds, once its schema has validated it. */
export type FilingOf<K extends FormKind> = z.output<(typeof FILING_SCHEMAS)[K]>;

const LABEL_PREFIX = 'agora:type/';

/** The repository label a form asks GitHub to put on its issues, e.g. `agora:type/dataset`. */
export function labelOfKind(kind: FormKind): string {
  return `${LABEL_PREFIX}${kind}`;
}

/** The kind an `agora:type/<kind>` label names, or null for any other label. */
export function kindOfLabel(label: string): FormKind | null {
  if (!label.startsWith(LABEL_PREFIX)) return null;
  const kind = label.slice(LABEL_PREFIX.length);
  return isFormKind(kind) ? kind : null;
}

export function isFormKind(value: unknown): value is FormKind {
  return typeof value === 'string' && (FORM_KINDS as readonly string[]).includes(value);
}
