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
import type { ContentProblem, ContentSource } from './content-problems.ts';
import { checkReferences } from './content-references.ts';
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
 * Reads and validates every content file, and the references between them. All problems of all
 * files are collected before failing, so one run tells the author everything to fix, file by file
 * in reading order and line by line. Fails with `invalid` and `details.problems`.
 */
export async function readContent(contentDir: string): Promise<{ registry: Registry; files: ContentFileDigest[] }> {
  const problems: ContentProblem[] = [];
  const files: ContentFileDigest[] = [];
  const registry: Partial<Record<keyof Registry, unknown>> = {};
  const sources: Partial<Record<keyof ContentFiles, ContentSource>> = {};
  const governanceFiles: string[] = [];

  for (const [name, spec] of Object.entries(CONTENT_FILES) as [keyof ContentFiles, ContentFiles[keyof ContentFiles]][]) {
    const file = join(contentDir, spec.path);
    governanceFiles.push(file);
    const text = await readOptional(file);
    if (text === null) {
      if (spec.required) problems.push({ file, message: 'file is missing' });
      else registry[name] = spec.schema.parse({});
      continue;
    }
    files.push({ path: spec.path, digest: createHash('sha256').update(text).digest('hex') });
    const parsed = parseContentYaml(file, text, spec.schema);
    sources[name] = parsed.source;
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

  const references = checkReferences(
    { organizations: sources.organizations, languages: sources.languages, members: sources.members, modelCards: modelCards.sources },
    { organizations: CONTENT_FILES.organizations.path, languages: CONTENT_FILES.languages.path },
  );
  problems.push(...withoutRefusedFields(references, problems));
  if (problems.length > 0) throw invalidContent(inReadingOrder(problems, governanceFiles));
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

/** A field its schema already refused (a misspelt id) needs no second problem saying it is unknown. */
function withoutRefusedFields(references: ContentProblem[], problems: readonly ContentProblem[]): ContentProblem[] {
  const place = (problem: ContentProblem) => `${problem.file}\0${problem.entry ?? ''}\0${problem.field ?? ''}`;
  const refused = new Set(problems.map(place));
  return references.filter((problem) => !refused.has(place(problem)));
}

/** The governance files in their fixed order, then the cards by path; within a file, by line. */
function inReadingOrder(problems: ContentProblem[], governanceFiles: readonly string[]): ContentProblem[] {
  const rank = (file: string) => {
    const index = governanceFiles.indexOf(file);
    return index < 0 ? governanceFiles.length : index;
  };
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  // Array.prototype.sort is stable: problems on one line keep the order their checks gave them.
  return problems.toSorted(
    (a, b) => rank(a.file) - rank(b.file) || byPath(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0),
  );
}

function invalidContent(problems: ContentProblem[]): AppError {
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const fileCount = new Set(problems.map((problem) => problem.file)).size;
  return new AppError('invalid', `content is invalid (${count(problems.length, 'problem')} in ${count(fileCount, 'file')})`, { problems });
}
