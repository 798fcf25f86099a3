import { expect } from 'vitest';
import { rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { createApp } from '../../api/app.ts';
import { importCollection } from '../../api/services/collections/import-collection.ts';
import { syncContent } from '../../api/services/content/sync-content.ts';
import { systemActor, type ServiceContext } from '../../api/services/context.ts';
import { createToken } from '../../api/services/tokens.ts';
import { createTestClock } from './clock.ts';
import { copyCollection } from './collection.ts';
import { copyContent } from './content.ts';
import { createTestDatabase } from './database.ts';
import { digestOf } from './site-data.ts';
import { hostile, scriptUrl, shortHostile } from './hostile-text.ts';

/**
 * A registry in which every text the site shows was written as hostile text (hostile-text.ts), the
 * way each gets there in real life: reviewed content synced from files (organisations, languages,
 * policies, a model card), a training-data collection imported, and through the API a dataset
 * nomination put to the vote (its name becomes the vote's title), votes, ballots with reasons,
 * concerns, a withdrawal, a training run with its events and checkpoints.
 */

export const HOSTILE_MODEL = 'xss-model';
export const HOSTILE_ORG = 'xss-org';
export const HOSTILE_RUN = 'xss-run';
/** The open vote with hostile ballots and concerns, and the one opened from the nomination. */
export const HOSTILE_VOTE = 'xss-vote';
export const WITHDRAWN_VOTE = 'xss-withdrawn';

const PEOPLE = [
  { id: 'xss-delegate', organization: HOSTILE_ORG, roles: ['delegate'] },
  { id: 'cuni-delegate', organization: 'charles-university', roles: ['delegate'] },
  { id: 'csc-delegate', organization: 'csc', roles: ['delegate'] },
  { id: 'steward', organization: 'ai-sweden', roles: ['data_steward'] },
  { id: 'requester', organization: 'laion', roles: [] },
];

type Services = ServiceContext & { clock: ReturnType<typeof createTestClock> };

export async function createHostileHub() {
  const content = copyContent();
  const cycle = copyCollection('baby');
  try {
    writeHostileContent(content);
    writeHostileCycle(cycle);
    const clock = createTestClock('2026-11-25T09:00:00.000Z');
    const services: Services = { database: await createTestDatabase(), clock };
    await syncContent(services, { actor: systemActor('test'), input: { contentDir: content.dir } });
    await importCollection(services, { actor: systemActor('test'), input: { dir: cycle.dir } });
    const app = createApp({ services });
    const tokens: Record<string, string> = {};
    for (const person of PEOPLE)
      tokens[person.id] = (await createToken(services, { actor: systemActor('test'), input: { name: person.id, scopes: ['write'], memberId: person.id } })).secret;
    tokens.reporter = (await createToken(services, { actor: systemActor('test'), input: { name: 'reporter', scopes: ['reporter'] } })).secret;
    const post = async (who: string, path: string, body: unknown = {}) => {
      const response = await app.request(`/api/v1${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${tokens[who]}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`POST ${path} as ${who} answered ${response.status}: ${await response.text()}`);
      return (await response.json()) as Record<string, unknown>;
    };
    await recordHostileTraining(post, clock);
    await recordHostileDecisions(post);
    return { services, content, close: () => services.database.close() };
  } catch (error) {
    content.cleanup();
    throw error;
  } finally {
    cycle.cleanup();
  }
}

/** As hostile as a valid URI gets: quotes and parentheses are URI characters. */
export const ODD_CHECKPOINT_URI = "s3://xss-bucket/checkpoint-uri-text/'onmouseover='alert(1)'";

type Post = (who: string, path: string, body?: unknown) => Promise<Record<string, unknown>>;

function writeHostileContent(content: ReturnType<typeof copyContent>) {
  const editYaml = (file: string, change: (data: any) => void) =>
    content.edit(file, (text) => {
      const data = parse(text);
      change(data);
      return stringify(data);
    });
  editYaml('governance/organizations.yaml', (data) =>
    data.organizations.push({
      id: HOSTILE_ORG,
      name: hostile('organisation name'),
      legal_name: hostile('organisation legal name'),
      country: 'FI',
      category: 'partner',
      type: 'company',
      role: hostile('organisation role'),
      website: `https://example.org/?q="><svg onload=alert('organisation website')>`,
      joined: '2025-02-01',
      ownership_control: {
        third_country_controlled: true,
        controllers: [{ name: hostile('controller name'), country: 'US' }],
        declared: '2026-11-25',
        recheck: '2027-11-25',
        basis: 'self_declaration',
        note: hostile('ownership note'),
      },
    }),
  );
  editYaml('governance/languages.yaml', (data) => {
    data.languages.find((language: { code: string }) => language.code === 'mlt').name = hostile('language name');
  });
  editYaml('governance/policies.yaml', (data) => {
    const policy = data.policies.find((entry: { kind: string }) => entry.kind === 'dataset_inclusion');
    policy.title = hostile('policy title');
    policy.description = hostile('policy description');
  });
  writeFileSync(
    join(content.dir, 'governance', 'members.yaml'),
    stringify({ members: PEOPLE.map((person) => ({ id: person.id, display_name: hostile('member name'), organization: person.organization, roles: person.roles })) }),
  );
  mkdirSync(join(content.dir, 'models', 'xss'), { recursive: true });
  writeFileSync(join(content.dir, 'models', 'xss', '1.md'), hostileCard());
}

/** A model card whose every text field, and its prose, is hostile. */
function hostileCard(): string {
  const front = {
    model: HOSTILE_MODEL,
    family: { id: 'xss', name: hostile('family name'), description: hostile('family description') },
    version: '1',
    name: hostile('model name'),
    status: 'training',
    languages: ['mlt'],
    provider: { name: hostile('provider name'), contact: hostile('provider contact'), organizations: [HOSTILE_ORG] },
    intended_uses: [hostile('intended use')],
    integration_types: [hostile('integration type')],
    prohibited_uses: [hostile('prohibited use')],
    acceptable_use_policy: `https://example.org/aup?"><svg onload=alert('acceptable use policy')>`,
    release: { channels: [hostile('release channel')] },
    architecture: { type: hostile('architecture'), parameters: 1_000_000, context_window: 2048, details: hostile('architecture details') },
    modalities: { input: [hostile('modality input')], output: ['text'], format: hostile('modality format') },
    licence: { id: hostile('licence id'), url: `https://example.org/licence?"><svg onload=alert('licence url')>` },
    integration: { technical_means: hostile('technical means'), software: [{ name: hostile('software name'), version: hostile('software version') }] },
    training: { methods: hostile('training methods') },
    data: { collection: 'baby', types: [hostile('data type')], provenance: hostile('data provenance') },
    compute: { flop: 1e20, method: hostile('compute method'), hpc_system: hostile('compute hpc system') },
    evaluations: [
      {
        task: { type: 'text-generation', name: hostile('evaluation task') },
        dataset: { type: 'flores-200', name: hostile('evaluation dataset') },
        metrics: [{ type: 'perplexity', value: 12.5 }],
        language: 'mlt',
        source: { name: hostile('evaluation source'), url: `https://example.org/eval?"><svg onload=alert('evaluation url')>` },
      },
    ],
    openness: [{ name: 'Model architecture', licence: hostile('openness licence'), location: 'https://example.org/code' }],
  };
  const prose = [
    `## ${hostile('prose heading')}`,
    hostile('prose paragraph'),
    `[${'prose link'}](${scriptUrl('prose link')}) and [reference][x]`,
    `[x]: ${scriptUrl('prose reference')}`,
    `![${hostile('prose image')}](${scriptUrl('prose image')})`,
    '```html',
    hostile('prose code'),
    '```',
  ].join('\n\n');
  return `---\n${stringify(front)}---\n\n${prose}\n`;
}

/** The shipped cycle cut down to one dataset, whose name and the cycle's name are hostile. */
function writeHostileCycle(cycle: ReturnType<typeof copyCollection>) {
  const kept = 'dclm-1.0';
  cycle.edit('datamix.txt', (text) => text.split('\n').filter((line) => line.trim() === '' || line.startsWith('#') || line.includes(` ${kept}/`)).join('\n'));
  for (const name of ['finemath-0.0.0', 'finepdfs-1.0.0', 'finepdfs-edu-1.0.0', 'hplt-3.0', 'megamath-0.0.0', 'nemotron-cc-1.0', 'nemotron-cc-opus-1.1', 'nemotron-cc-tower+-0.1', 'olmo-mix-1124', 'starcoder-0.0.0'])
    rmSync(join(cycle.dir, name), { recursive: true });
  cycle.edit('metadata.yaml', (text) => text.replace(/^name: .*$/m, `name: ${JSON.stringify(hostile('collection name'))}`));
  cycle.edit(`${kept}/metadata.yaml`, (text) => text.replace(/^name: .*$/m, `name: ${JSON.stringify(hostile('dataset name'))}`));
}

async function recordHostileTraining(post: Post, clock: ReturnType<typeof createTestClock>) {
  await post('reporter', '/training-runs', { id: HOSTILE_RUN, modelId: HOSTILE_MODEL, hpcSystem: shortHostile('hpc'), totalSteps: 1000, tokensTarget: 1_000_000 });
  const at = (minutes: number) => new Date(Date.parse(clock().toISOString()) - (60 - minutes) * 60_000).toISOString();
  const report = (step: number, extra: Record<string, unknown>) =>
    post('reporter', `/training-runs/${HOSTILE_RUN}/reports`, { id: `r-${step}`, at: at(step / 10), state: 'running', step, tokensSeen: step * 1000, loss: 5 - step / 200, throughput: 1000, ...extra });
  // A checkpoint URI is a place (scheme://…, URI characters only): a script or markup is refused outright.
  for (const uri of [scriptUrl('checkpoint uri'), hostile('checkpoint uri text')])
    await expect(report(99, { checkpoint: { step: 99, digest: digestOf('refused'), uri } })).rejects.toThrow(/answered 400/);
  await report(100, { events: [{ kind: 'checkpoint_saved', message: hostile('event message') }], checkpoint: { step: 100, digest: digestOf('xss 100'), uri: ODD_CHECKPOINT_URI } });
  await report(200, { events: [{ kind: 'failure', message: hostile('failure message') }], state: 'failed' });
  await report(300, { events: [{ kind: 'restart', message: hostile('restart message') }], checkpoint: { step: 300, digest: digestOf('xss 300'), uri: `${ODD_CHECKPOINT_URI}/300` } });
}

async function recordHostileDecisions(post: Post) {
  // The reported exploit: a nomination's name becomes the title of the vote it is put to.
  const nomination = await post('requester', '/requests', {
    type: 'dataset',
    name: hostile('nomination name'),
    url: 'https://example.org/dataset',
    licence: shortHostile('licence'),
    languages: ['mlt_Latn'],
    description: hostile('nomination description'),
    contact: { name: shortHostile('contact'), email: 'requester@example.org' },
  });
  await post('steward', `/requests/${nomination.id}/transitions`, { transition: 'triage', comment: hostile('transition comment') });
  await post('steward', `/requests/${nomination.id}/transitions`, { transition: 'start_review' });
  await post('steward', `/requests/${nomination.id}/vote`);

  await post('cuni-delegate', '/proposals', {
    id: HOSTILE_VOTE,
    kind: 'dataset_inclusion',
    title: hostile('proposal title'),
    description: hostile('proposal description'),
    subject: { type: 'dataset', datasetId: 'dclm-1.0' },
  });
  await post('xss-delegate', `/proposals/${HOSTILE_VOTE}/ballots`, { option: 'reject', reason: hostile('ballot reason') });
  await post('xss-delegate', `/proposals/${HOSTILE_VOTE}/ballots`, { option: 'approve', reason: hostile('later ballot reason') });
  await post('csc-delegate', `/proposals/${HOSTILE_VOTE}/ballots`, { option: 'approve', reason: hostile('csc ballot reason') });
  const concern = await post('csc-delegate', `/proposals/${HOSTILE_VOTE}/concerns`, { title: hostile('concern title'), body: hostile('concern body') });
  await post('csc-delegate', `/proposals/${HOSTILE_VOTE}/concerns/${concern.id}/resolve`, { resolution: hostile('concern resolution') });
  await post('xss-delegate', `/proposals/${HOSTILE_VOTE}/concerns`, { title: hostile('open concern title') });

  await post('cuni-delegate', '/proposals', {
    id: WITHDRAWN_VOTE,
    kind: 'membership',
    title: hostile('withdrawn title'),
    subject: { type: 'membership', reference: hostile('subject reference') },
  });
  await post('cuni-delegate', `/proposals/${WITHDRAWN_VOTE}/withdraw`, { reason: hostile('withdraw reason') });
}
