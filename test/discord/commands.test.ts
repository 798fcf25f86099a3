import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocomplete, slashCommand } from '../helpers/discord-interactions.ts';
import { startDiscordHub, type DiscordHub } from '../helpers/discord-hub.ts';
import { DANA, OLLI, PEOPLE, SAM } from './people.ts';
import { json } from '../helpers/http.ts';

type Json = Record<string, any>;
const option = (name: string, value: string) => ({ type: 3, name, value });

describe('slash commands answer questions without leaving Discord', () => {
  let hub: DiscordHub;
  let proposalId: string;
  let modelId: string;
  beforeAll(async () => {
    hub = await startDiscordHub({ people: PEOPLE });
    proposalId = await hub.openProposal({ kind: 'policy_change', title: 'Open the evaluation data' });
    modelId = ((await json(hub.api('/api/v1/models'))).items as Json[])[0]!.id;
    const run = await hub.api('/api/v1/training-runs', { method: 'POST', token: hub.adminToken, body: JSON.stringify({ id: 'run-lumi-1', modelId, hpcSystem: 'LUMI', totalSteps: 1000 }) });
    expect(run.status).toBe(201);
    const report = { id: 'r-250', at: new Date().toISOString(), state: 'running', step: 250, tokensSeen: 250_000, loss: 2.3456, events: [], checkpoint: { step: 250, digest: `sha256:${'a'.repeat(64)}`, uri: 's3://bucket/ckpt-250' } };
    const reported = await hub.api('/api/v1/training-runs/run-lumi-1/reports', { method: 'POST', token: hub.adminToken, body: JSON.stringify(report) });
    expect(reported.status).toBeLessThan(300);
    await hub.settle();
  });
  afterAll(async () => hub?.close());

  it('/proposal list and show: the open decisions, and one with its buttons, for everyone in the channel', async () => {
    const list = await hub.answer(slashCommand({ name: 'proposal', subcommand: 'list', userId: DANA.discord }));
    expect(list.data.flags).toBeUndefined();
    expect(list.data.content).toContain(`**Open the evaluation data** (\`${proposalId}\`), closes <t:`);
    const show = await hub.answer(slashCommand({ name: 'proposal', subcommand: 'show', userId: DANA.discord, options: [option('proposal', proposalId)] }));
    expect(show.data.embeds[0].title).toBe('Open the evaluation data');
    expect(show.data.components[0].components).toHaveLength(4);
    const missing = await hub.answer(slashCommand({ name: 'proposal', subcommand: 'show', userId: DANA.discord, options: [option('proposal', 'prop_nope')] }));
    expect(missing.data.flags).toBe(64);
    expect(missing.data.content).toMatch(/^Not found:/);
  });

  it('/concern raise and resolve, with the open concerns offered while typing', async () => {
    const raised = await hub.answer(slashCommand({ name: 'concern', subcommand: 'raise', userId: OLLI.discord, options: [option('proposal', proposalId), option('title', 'Licence unclear'), option('text', 'Which licence?')] }));
    expect(raised.data.content).toBe('Concern “Licence unclear” raised on “Open the evaluation data”: the decision cannot pass while it is open.');
    const offered = await hub.answer(autocomplete({ name: 'concern', subcommand: 'resolve', userId: OLLI.discord, options: [option('proposal', proposalId), { ...option('concern', 'lic'), focused: true }] }));
    expect(offered.data.choices).toEqual([{ name: 'Licence unclear', value: expect.any(String) }]);
    const notTheirs = await hub.answer(slashCommand({ name: 'concern', subcommand: 'resolve', userId: DANA.discord, options: [option('proposal', proposalId), option('concern', offered.data.choices[0].value)] }));
    expect(notTheirs.data.flags).toBe(64);
    expect(notTheirs.data.content).toMatch(/^Not allowed:/);
    await hub.settle();
    const [message] = hub.discord.messagesIn(hub.discord.channels.decisions);
    expect(JSON.stringify(message.embeds)).toContain('Blocked by open concerns: “Licence unclear”');
    const resolved = await hub.answer(slashCommand({ name: 'concern', subcommand: 'resolve', userId: OLLI.discord, options: [option('proposal', proposalId), option('concern', 'licence unclear')] }));
    expect(resolved.data.content).toBe('Concern “Licence unclear” resolved.');
  });

  it('/model status and /training status: the registry’s figures', async () => {
    const model = await hub.answer(slashCommand({ name: 'model', subcommand: 'status', userId: SAM.discord, options: [option('id', modelId)] }));
    expect(model.data.content).toContain(`(\`${modelId}\`)`);
    expect(model.data.content).toContain('Latest checkpoint: step 250.');
    expect(model.data.content).toContain('Training: run `run-lumi-1`, running.');
    const run = await hub.answer(slashCommand({ name: 'training', subcommand: 'status', userId: SAM.discord, locale: 'de', options: [option('id', 'run-lumi-1')] }));
    expect(run.data.content).toContain('run-lumi-1');
    expect(run.data.content).toContain('250');
    expect(run.data.content).toContain(new Intl.NumberFormat('de', { style: 'percent' }).format(0.25)); // 25 %, a no-break space in German
    const unknown = await hub.answer(slashCommand({ name: 'training', subcommand: 'status', userId: SAM.discord, options: [option('id', 'no-such-run')] }));
    expect(unknown.data.content).toMatch(/^Not found:/);
  });

  it('announces the run’s start and its checkpoint once each', async () => {
    const announcements = hub.discord.messagesIn(hub.discord.channels.announcements).map((message: Json) => message.content as string);
    expect(announcements.filter((text) => text.includes('run-lumi-1') && text.includes('has started on LUMI'))).toHaveLength(1);
    expect(announcements.filter((text) => text.includes('checkpoint at step 250'))).toHaveLength(1);
  });

  it('/request status: what anyone may see, nothing confidential', async () => {
    const missing = await hub.answer(slashCommand({ name: 'request', subcommand: 'status', userId: DANA.discord, options: [option('id', 'req_missing')] }));
    expect(missing.data.content).toMatch(/^Not found:/);
  });
});

describe('answers that take longer than Discord waits', () => {
  let hub: DiscordHub;
  afterAll(async () => hub?.close());

  it('are deferred at once and finished by editing the original response through the interaction webhook', async () => {
    hub = await startDiscordHub({ people: PEOPLE, env: { DISCORD_DEFER_AFTER_MS: '0' } });
    const proposalId = await hub.openProposal({ kind: 'policy_change', title: 'Slow answers' });
    const vote = slashCommand({ name: 'vote', userId: DANA.discord, options: [option('proposal', proposalId), option('choice', 'approve')] });
    const first = await hub.answer(vote);
    expect(first).toEqual({ type: 5, data: { flags: 64 } });
    await expect.poll(() => hub.discord.webhookCalls(vote.token).length, { timeout: 5000 }).toBeGreaterThan(0);
    const [edit] = hub.discord.webhookCalls(vote.token);
    expect(edit).toMatchObject({ method: 'PATCH' });
    expect(JSON.stringify(edit)).toContain('Recorded: **Approve**');
    // A public answer deferred in public, then found to be a refusal: the public placeholder goes, the refusal is private.
    const list = slashCommand({ name: 'proposal', subcommand: 'show', userId: DANA.discord, options: [option('proposal', 'prop_nope')] });
    expect(await hub.answer(list)).toEqual({ type: 5, data: {} });
    await expect.poll(() => hub.discord.webhookCalls(list.token).length, { timeout: 5000 }).toBe(2);
    expect(hub.discord.webhookCalls(list.token).map((call: Json) => call.method)).toEqual(['DELETE', 'POST']);
  });
});
