import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '../../api/app.ts';
import type { RequestInput } from '../../api/domain/requests/request-schemas.ts';
import { syncContent } from '../../api/services/content/sync-content.ts';
import { systemActor, type Actor, type ServiceContext } from '../../api/services/context.ts';
import { createToken } from '../../api/services/tokens.ts';
import { createTestClock } from './clock.ts';
import { copyContent } from './content.ts';
import { createTestDatabase } from './database.ts';

/** The people of request tests: a requester, one member per handler role, and an outsider. */
export const REQUEST_PEOPLE = [
  { id: 'requester', organization: 'laion', roles: [] as string[] },
  { id: 'secretary', organization: 'charles-university', roles: ['secretariat'] },
  { id: 'steward', organization: 'ai-sweden', roles: ['data_steward'] },
  { id: 'lawyer', organization: 'fraunhofer-iais', roles: ['legal'] },
  { id: 'outsider', organization: 'csc', roles: ['delegate'] },
];

export const member = (id: string): Actor => ({ kind: 'member', memberId: id, via: 'demo' });

export async function createRequestHub(options: { withoutPolicies?: string[] } = {}) {
  const content = copyContent();
  const yaml = REQUEST_PEOPLE.map((person) => `  - id: ${person.id}\n    display_name: ${person.id}\n    organization: ${person.organization}\n    roles: [${person.roles.join(', ')}]\n`).join('');
  writeFileSync(join(content.dir, 'governance/members.yaml'), `members:\n${yaml}`);
  for (const kind of options.withoutPolicies ?? [])
    content.edit('governance/policies.yaml', (text) => text.replace(new RegExp(`\\n  - kind: ${kind}\\n[\\s\\S]*?(?=\\n  - kind: |$)`), '\n'));
  const database = await createTestDatabase();
  const clock = createTestClock('2026-11-25T09:00:00.000Z');
  const services: ServiceContext = { database, clock };
  await syncContent(services, { actor: systemActor('test'), input: { contentDir: content.dir } });
  const tokens: Record<string, string> = {};
  for (const person of REQUEST_PEOPLE)
    tokens[person.id] = (await createToken(services, { actor: systemActor('test'), input: { name: person.id, scopes: ['write'], memberId: person.id } })).secret;
  const app = createApp({ services });
  return {
    app,
    services,
    database,
    clock,
    content,
    tokens,
    as: (person: string, path: string, init: { method?: string; body?: unknown } = {}) =>
      app.request(path, {
        method: init.method ?? 'GET',
        headers: { Authorization: `Bearer ${tokens[person]}`, 'Content-Type': 'application/json' },
        ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
      }),
    close() {
      database.close();
      content.cleanup();
    },
  };
}

/** A valid request of each type; `mark` goes into every text field so tests can look for it. */
export function sampleRequest(type: RequestInput['type'], mark = 'x'): RequestInput {
  const contact = { name: `Contact ${mark}`, email: `contact-${mark.toLowerCase().replace(/[^a-z0-9]/g, '')}@example.org`, organization: `Org ${mark}` };
  if (type === 'dataset')
    return {
      type,
      name: `Maltese parliament transcripts ${mark}`,
      url: 'https://example.org/dataset',
      licence: 'CC-BY-4.0',
      languages: ['mlt_Latn'],
      estimated_tokens: 120_000_000,
      description: `Transcripts ${mark}`,
      pii_notes: `Speaker names ${mark}`,
      contamination_notes: `None known ${mark}`,
      contact,
    };
  if (type === 'access')
    return {
      type,
      organization: { name: `Helsinki startup ${mark}`, country: 'FI', third_country_controlled: false, controllers: [] },
      components: { models: ['agora-demo-1b-v0-1'], datasets: [] },
      intended_use: `Customer service in Finnish ${mark}`,
      contact,
    };
  return {
    type,
    requester_kind: 'downstream_provider',
    legal_basis: `AI Act Art. 53(1)(b) ${mark}`,
    scope: { datasets: ['hplt-3.0'], details: `Check Maltese sources ${mark}` },
    attachments: [`https://example.org/letter-${encodeURIComponent(mark)}.pdf`],
    contact,
  };
}
