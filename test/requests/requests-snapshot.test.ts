import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anonymous } from '../../api/services/context.ts';
import { buildRegistrySnapshot } from '../../api/services/registry-snapshot.ts';
import { listRequests } from '../../api/services/requests/list-requests.ts';
import { inspectionTransparency } from '../../api/services/requests/read-requests.ts';
import { buildRequestsSnapshot } from '../../api/services/requests/requests-snapshot.ts';
import { computeSiteFingerprint } from '../../api/site/site-fingerprint.ts';
import { parseSiteSnapshot } from '../../api/site/site-snapshot.ts';
import { json } from '../helpers/http.ts';
import { createPeopleHub } from '../helpers/people-hub.ts';
import { REQUEST_PEOPLE, sampleRequest } from '../helpers/requests.ts';

// The requests part of the site snapshot: what the public may see, read through the services as an
// anonymous reader, and a schema that refuses anything more.

let hub: Awaited<ReturnType<typeof createPeopleHub>>;
beforeEach(async () => {
  // A deadline setting changed in the content, to see the snapshot read it from the synced settings.
  hub = await createPeopleHub(REQUEST_PEOPLE, { editContent: (content) => content.edit('governance/requests.yaml', (text) => text.replace('inspection: 30', 'inspection: 21')) });
});
afterEach(() => hub.close());

const DAY = 86_400_000;
const PUBLIC_FIELDS = ['answeredAt', 'closedAt', 'dueAt', 'filedAt', 'id', 'isDemo', 'overdue', 'paused', 'state', 'timeline', 'type', 'updatedAt'];
const file = async (body: unknown) => (await json(hub.as('requester', '/api/v1/requests', { method: 'POST', body }))).id as string;
const move = async (person: string, id: string, transition: string, comment?: string) => {
  const response = await hub.as(person, `/api/v1/requests/${id}/transitions`, { method: 'POST', body: { transition, ...(comment ? { comment } : {}) } });
  expect(response.status, await response.clone().text()).toBe(200);
};

/** One request of each type; the inspection one waiting for clarification, a dataset one declined. */
async function fileSome() {
  const dataset = await file(sampleRequest('dataset'));
  await move('steward', dataset, 'decline', 'Out of scope.');
  await file(sampleRequest('access'));
  const inspection = await file({ ...sampleRequest('inspection'), requester_kind: 'researcher' });
  await move('secretary', inspection, 'acknowledge');
  await move('lawyer', inspection, 'triage');
  hub.clock.advance(DAY);
  await move('lawyer', inspection, 'ask_clarification', 'Which sources?');
  return { dataset, inspection };
}

describe('buildRequestsSnapshot', () => {
  it('holds every request as an anonymous reader sees it, and nothing more', async () => {
    const { inspection } = await fileSome();
    const snapshot = await buildRequestsSnapshot(hub.services);
    const { items: views } = await listRequests(hub.services, { actor: anonymous, filter: { limit: 100 } });
    expect(snapshot.items.map((item) => item.id)).toEqual(views.map((view) => view.id));
    for (const item of snapshot.items) {
      expect(Object.keys(item).sort()).toEqual(PUBLIC_FIELDS);
      const view = views.find((candidate) => candidate.id === item.id)!;
      // While waiting for the requester the due date is left out; otherwise the view as it is.
      const { timeline, ...rest } = item;
      expect(rest).toEqual({ ...view, dueAt: view.paused ? null : view.dueAt });
      // The timeline is what the public ledger records of it: states and times, nobody's words.
      const events = (await json(hub.app.request('/api/v1/events?limit=1000'))).items.filter((entry: { type: string; subject: string }) => entry.type === 'request.transitioned' && entry.subject === `request:${item.id}`);
      expect(timeline.map(({ transition, from, to }) => ({ transition, from, to }))).toEqual(events.map((entry: { data: Record<string, string> }) => ({ transition: entry.data.transition, from: entry.data.from, to: entry.data.to })));
      for (const entry of timeline) expect(Object.keys(entry).sort()).toEqual(['at', 'from', 'to', 'transition']);
    }
    expect(snapshot.items.some((item) => item.timeline.length > 0)).toBe(true);
    expect(snapshot.items.find((item) => item.id === inspection)).toMatchObject({ state: 'clarification', paused: true, dueAt: null });
  });

  it('carries the inspection figures without their clock reading, and the synced deadline settings', async () => {
    await fileSome();
    const snapshot = await buildRequestsSnapshot(hub.services);
    const { generatedAt: _at, includesDemo: _demo, ...figures } = await inspectionTransparency(hub.services);
    expect(snapshot.transparency).toEqual(figures);
    expect(snapshot.transparency).toMatchObject({ received: 1, open: 1, byRequesterKind: [expect.objectContaining({ requesterKind: 'researcher', received: 1 })] });
    expect(snapshot.deadlines).toEqual({ dataset: 30, access: 30, inspection: 21, card_correction: 30, downstream_provider: 14 });
  });

  it('keeps the site fingerprint while only the clock moves, a paused request included', async () => {
    await fileSome();
    const first = await buildRegistrySnapshot(hub.services);
    hub.clock.advance(3_600_000);
    const later = await buildRegistrySnapshot(hub.services);
    expect(await computeSiteFingerprint(later)).toBe(await computeSiteFingerprint(first));
    expect(parseSiteSnapshot(JSON.stringify(later), 'later').requests).toEqual(JSON.parse(JSON.stringify(later.requests)));
  });
});

describe('the site schema of requests', () => {
  it('refuses any field beyond the public view, so that a leak breaks the build', async () => {
    await fileSome();
    const snapshot = await buildRegistrySnapshot(hub.services);
    const [first, ...rest] = snapshot.requests.items;
    const leaking = (extra: Record<string, unknown>) => JSON.stringify({ ...snapshot, requests: { ...snapshot.requests, items: [{ ...first!, ...extra }, ...rest] } });
    for (const extra of [{ confidential: { contact: 'x' } }, { details: {} }, { requesterKind: 'researcher' }, { visibility: 'full' }])
      expect(() => parseSiteSnapshot(leaking(extra), 'leaking.json'), Object.keys(extra)[0]).toThrow(/leaking\.json:\n {2}requests\.items\.0: Unrecognized key/);
    const figures = JSON.stringify({ ...snapshot, requests: { ...snapshot.requests, transparency: { ...snapshot.requests.transparency, generatedAt: snapshot.generatedAt } } });
    expect(() => parseSiteSnapshot(figures, 'figures.json')).toThrow(/requests\.transparency: Unrecognized key/);
  });

  it('refuses a state its type does not have', async () => {
    await fileSome();
    const snapshot = await buildRegistrySnapshot(hub.services);
    const [first, ...rest] = snapshot.requests.items;
    const odd = JSON.stringify({ ...snapshot, requests: { ...snapshot.requests, items: [{ ...first!, state: 'granted', type: 'inspection' }, ...rest] } });
    expect(() => parseSiteSnapshot(odd, 'odd.json')).toThrow(/requests\.items\.0\.state: expected a state of the request type/);
  });
});
