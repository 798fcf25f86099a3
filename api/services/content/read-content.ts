import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { policiesFileSchema } from '../../domain/decisions/policy.ts';
import { requestsFileSchema } from '../../domain/requests/deadline-settings.ts';
import { countryClassesFileSchema } from '../../domain/registry/country-classes.ts';
import { languagesFileSchema } from '../../domain/registry/language.ts';
import { membersFileSchema } from '../../domain/registry/member.ts';
import { organizationsFileSchema } from '../../domain/registry/organization.ts';
import { AppError } from '../errors.ts';
import type { ContentProblem } from './content-problems.ts';
import { parseContentYaml } from './parse-content-yaml.ts';
import { readDatasetCards, type DatasetCard } from './read-dataset-cards.ts';
import { readModelCards, type ModelCard } from './read-model-cards.ts';

/** The content files the hub syncs, relative to CONTENT_DIR. Problems name them joined to it. */
export const CONTENT_FILES = {
  organizations: { path: 'governance/organizations.yaml', schema: organizationsFileSchema, required: true },
  members: { path: 'governance/members.yaml', schema: membersFileSchema, required: false },
  languages: { path: 'governance/languages.yaml', schema: languagesFileSchema, required: true },
  countries: { path: 'governance/countries.yaml', schema: countryClassesFileSchema, required: true },
  policies: { path: 'governance/policies.yaml', schema: policiesFileSchema, required: true },
  requests: { path: 'governance/requests.yaml', schema: requestsFileSchema, required: false },
} as const;

type ContentFiles = typeof CONTENT_FILES;
export type Registry = { [K in keyof ContentFiles]: z.output<ContentFiles[K]['schema']> } & {
  /** `datasets/<dataset-id>.yaml`: reviewed facts about datasets (licence, redistribution, language). */
  datasetCards: DatasetCard[];
  modelCards: ModelCard[];
};
export type ContentFileDigest = { path: string; digest: string };

/**
 * Reads and validates every content file. All problems of all files are collected before failing, so
 * one run tells the author everything to fix. Fails with `invalid` and `details.problems`.
 */
export async function readContent(contentDir: string): Promise<{ registry: Registry; files: ContentFileDigest[] }> {
  const problems: ContentProblem[] = [];
  const files: ContentFileDigest[] = [];
  const registry: Partial<Record<keyof Registry, unknown>> = {};

  for (const [name, spec] of Object.entries(CONTENT_FILES) as [keyof ContentFiles, ContentFiles[keyof ContentFiles]][]) {
    const file = join(contentDir, spec.path);
    const text = await readOptional(file);
    if (text === null) {
      if (spec.required) problems.push({ file, message: 'file is missing' });
      else registry[name] = spec.schema.parse({});
      continue;
    }
    files.push({ path: spec.path, digest: createHash('sha256').update(text).digest('hex') });
    const parsed = parseContentYaml(file, text, spec.schema);
    if (parsed.ok) registry[name] = parsed.value;
    else problems.push(...parsed.problems);
  }
  const cards = await readDatasetCards(contentDir);
  registry.datasetCards = cards.cards;
  files.push(...cards.files);
  problems.push(...cards.problems);
  const modelCards = await readModelCards(contentDir);
  registry.modelCards = modelCards.cards;
  files.push(...modelCards.cards.map((card) => ({ path: card.path, digest: card.revision })));
  problems.push(...modelCards.problems);

  if (problems.length === 0) problems.push(...crossCheck(registry as Registry, contentDir));
  if (problems.length > 0)
    throw new AppError('invalid', `content is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'})`, {
      problems,
    });
  return { registry: registry as Registry, files };
}

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Rules that span files: a member's organisation must exist. */
function crossCheck(registry: Registry, contentDir: string): ContentProblem[] {
  const organizationIds = new Set(registry.organizations.organizations.map((org) => org.id));
  const languageCodes = new Set(registry.languages.languages.map((language) => language.code));
  const cardProblems = registry.modelCards.flatMap((card) => {
    const file = join(contentDir, card.path);
    return [
      ...card.frontMatter.languages
        .map((code, index) => ({ code, index }))
        .filter(({ code }) => !languageCodes.has(code))
        .map(({ code, index }) => ({ file, field: `languages[${index}]`, message: `expected a target language code from ${CONTENT_FILES.languages.path}, got "${code}"` })),
      ...(card.frontMatter.provider?.organizations ?? [])
        .map((id, index) => ({ id, index }))
        .filter(({ id }) => !organizationIds.has(id))
        .map(({ id, index }) => ({ file, field: `provider.organizations[${index}]`, message: `expected the id of an organisation in ${CONTENT_FILES.organizations.path}, got "${id}"` })),
    ];
  });
  return [...cardProblems, ...memberProblems(registry, organizationIds, contentDir)];
}

function memberProblems(registry: Registry, organizationIds: Set<string>, contentDir: string): ContentProblem[] {
  return registry.members.members.flatMap((member, index) =>
    organizationIds.has(member.organization)
      ? []
      : [
          {
            file: join(contentDir, CONTENT_FILES.members.path),
            entry: `members[${index}] "${member.id}"`,
            field: 'organization',
            message: `expected the id of an organisation in ${CONTENT_FILES.organizations.path}, got "${member.organization}"`,
          },
        ],
  );
}
