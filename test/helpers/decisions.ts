import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syncContent } from '../../api/services/content/sync-content.ts';
import { systemActor, type ServiceContext } from '../../api/services/context.ts';
import { seedDemoTraining } from '../../api/services/demo/seed-demo-training.ts';
import { createToken } from '../../api/services/tokens.ts';
import { createApp } from '../../api/app.ts';
import { createTestClock } from './clock.ts';
import { copyContent } from './content.ts';
import { createTestDatabase } from './database.ts';

/** The binding electorate of the shipped release policy: partners and HPC centres. */
export const BINDING = [
  'ai-sweden', 'aleph-alpha', 'amd-silo-ai', 'bsc', 'charles-university', 'cineca', 'csc', 'eindhoven-university-of-technology',
  'ellamind', 'ellis-institute-tubingen', 'fraunhofer-iais', 'lighton', 'prompsit-language-engineering', 'surf',
  'university-of-helsinki', 'university-of-oslo',
];

export type Person = { id: string; organization: string; roles: string[] };

/**
 * A hub whose registry has test people (members.yaml written into a private copy of the content),
 * each with a personal `write` token, the shipped example card and the demo's completed run.
 */
export async function createDecisionHub(people: Person[]) {
  const content = copyContent();
  const yaml = people
    .map((person) => `  - id: ${person.id}\n    display_name: ${person.id}\n    organization: ${person.organization}\n    roles: [${person.roles.join(', ')}]\n`)
    .join('');
  writeFileSync(join(content.dir, 'governance/members.yaml'), `members:\n${yaml}`);
  const database = await createTestDatabase();
  const clock = createTestClock('2026-11-25T09:00:00.000Z');
  const services: ServiceContext = { database, clock };
  await syncContent(services, { actor: systemActor('test'), input: { contentDir: content.dir } });
  // The demo's models and runs (a completed run to release), not its decisions: tests open their own.
  await seedDemoTraining(services, systemActor('demo'));
  const tokens: Record<string, string> = {};
  for (const person of people)
    tokens[person.id] = (await createToken(services, { actor: systemActor('test'), input: { name: person.id, scopes: ['write'], memberId: person.id } })).secret;
  const app = createApp({ services });
  const as = (person: string, path: string, init: { method?: string; body?: unknown } = {}) =>
    app.request(path, {
      method: init.method ?? 'GET',
      headers: { Authorization: `Bearer ${tokens[person]}`, 'Content-Type': 'application/json' },
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  return {
    app,
    services,
    database,
    clock,
    content,
    tokens,
    as,
    /** Re-syncs the content folder (after a test edits it). */
    resync: () => syncContent(services, { actor: systemActor('test'), input: { contentDir: content.dir } }),
    close() {
      database.close();
      content.cleanup();
    },
  };
}

/** One delegate per binding organisation, named after it. */
export function delegatesOf(organizations: string[], roles: string[] = ['delegate']): Person[] {
  return organizations.map((organization) => ({ id: `d-${organization}`, organization, roles }));
}
