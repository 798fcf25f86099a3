import { problemAt, valueAt, type ContentProblem, type ContentSource } from './content-problems.ts';

/** The content files whose entries other files refer to, and those that refer to them, as read. */
export type ReferenceSources = {
  /** Absent when the file is missing or not valid YAML: its ids are unknown, its own problem says why. */
  organizations?: ContentSource;
  languages?: ContentSource;
  members?: ContentSource;
  modelCards: readonly ContentSource[];
};

/** How a reference names the file it points into, e.g. `governance/organizations.yaml`. */
export type ReferenceTargets = { organizations: string; languages: string };

/**
 * Rules that span files: a member's organisation, a model card's languages and provider
 * organisations must exist. Read from the plain data of each file, valid or not, so that one run
 * reports these beside every schema problem: an entry with a problem of its own still exists (a
 * member of an organisation whose country is misspelt is not "of an unknown organisation"), and a
 * reference inside an invalid file is still checked.
 */
export function checkReferences(sources: ReferenceSources, targets: ReferenceTargets): ContentProblem[] {
  const organizationIds = sources.organizations && idsOf(sources.organizations, 'organizations', 'id');
  const languageCodes = sources.languages && idsOf(sources.languages, 'languages', 'code');
  const unknownOrganization = (id: string) => `expected the id of an organisation in ${targets.organizations}, got "${id}"`;
  const unknownLanguage = (code: string) => `expected a target language code from ${targets.languages}, got "${code}"`;
  const problems: ContentProblem[] = [];
  const check = (source: ContentSource, path: PropertyKey[], known: Set<string> | undefined, message: (value: string) => string) => {
    const value = valueAt(source.raw, path);
    if (known && typeof value === 'string' && !known.has(value)) problems.push(problemAt(source, path, message(value)));
  };
  if (sources.members)
    listAt(sources.members.raw, ['members']).forEach((_, index) =>
      check(sources.members!, ['members', index, 'organization'], organizationIds, unknownOrganization),
    );
  for (const card of sources.modelCards) {
    listAt(card.raw, ['languages']).forEach((_, index) => check(card, ['languages', index], languageCodes, unknownLanguage));
    listAt(card.raw, ['provider', 'organizations']).forEach((_, index) =>
      check(card, ['provider', 'organizations', index], organizationIds, unknownOrganization),
    );
  }
  return problems;
}

function listAt(raw: unknown, path: PropertyKey[]): unknown[] {
  const value = valueAt(raw, path);
  return Array.isArray(value) ? value : [];
}

/** Every id the file's list names, whatever else is wrong with its entry. */
function idsOf(source: ContentSource, list: string, key: string): Set<string> {
  return new Set(listAt(source.raw, [list]).flatMap((entry) => {
    const id = valueAt(entry, [key]);
    return typeof id === 'string' ? [id] : [];
  }));
}
