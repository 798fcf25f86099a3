import type {
  DeclarationBasis,
  LanguageGroup,
  OrganizationCategory,
  OrganizationType,
} from '../../../api/domain/vocabulary.ts';

/**
 * Human words for the registry's closed vocabularies. `Record<Union, string>` makes the build fail
 * when a value is added to api/domain/vocabulary.ts without a label here. Key order is display order.
 */

/** Headings of the directory's groups. */
export const CATEGORY_LABELS: Record<OrganizationCategory, string> = {
  partner: 'Consortium partners',
  hpc_centre: 'EuroHPC centres',
  strategic_board: 'Strategic board',
  member_state: 'Member-state representatives',
  initiative: 'Related initiatives',
  community: 'Open-science community',
  observer: 'Observers',
};

/** One organisation's category, as a fact on its own page. */
export const CATEGORY_NAMES: Record<OrganizationCategory, string> = {
  partner: 'Consortium partner',
  hpc_centre: 'EuroHPC centre',
  strategic_board: 'Strategic board member',
  member_state: 'Member-state representative',
  initiative: 'Related initiative',
  community: 'Open-science community',
  observer: 'Observer',
};

export const TYPE_LABELS: Record<OrganizationType, string> = {
  university: 'University',
  research: 'Research organisation',
  company: 'Company',
  sme: 'SME',
  hpc: 'HPC centre',
  public_body: 'Public body',
  ngo: 'Non-profit',
};

export const BASIS_LABELS: Record<DeclarationBasis, string> = {
  self_declaration: 'Declared by the organisation',
  public_record: 'Read from public records by the secretariat',
};

export const LANGUAGE_GROUP_LABELS: Record<LanguageGroup, string> = {
  eu_official: 'Official EU languages',
  co_official: 'Co-official languages in member states',
  candidate: 'Languages of candidate countries',
  associated: 'Languages of associated countries',
};

/** Groups `items` by `key` in the order of `labels`, leaving out empty groups. */
export function groupBy<T, K extends string>(
  items: readonly T[],
  key: (item: T) => K,
  labels: Record<K, string>,
): { key: K; label: string; items: T[] }[] {
  return (Object.keys(labels) as K[])
    .map((k) => ({ key: k, label: labels[k], items: items.filter((item) => key(item) === k) }))
    .filter((group) => group.items.length > 0);
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

/** "25 November 2026 at 10:00 UTC": build output must not depend on the builder's time zone. */
export function formatInstant(iso: string): string {
  return `${dateTime.format(new Date(iso))} UTC`;
}

/** "1 February 2025" for a YYYY-MM-DD calendar date. */
export function formatDate(isoDay: string): string {
  return dateOnly.format(new Date(`${isoDay}T00:00:00Z`));
}
