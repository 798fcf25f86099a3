import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRequestClock } from '../../api/services/requests/request-clock.ts';
import { createRequestHub, sampleRequest } from '../helpers/requests.ts';
import { json } from '../helpers/http.ts';

let hub: Awaited<ReturnType<typeof createRequestHub>>;
beforeEach(async () => {
  hub = await createRequestHub();
});
afterEach(() => hub.close());

const DAY = 86_400_000;
const file = async (body: unknown) => json(hub.as('requester', '/api/v1/requests', { method: 'POST', body }));
const move = (person: string, id: string, transition: string, comment?: string) =>
  hub.as(person, `/api/v1/requests/${id}/transitions`, { method: 'POST', body: { transition, ...(comment ? { comment } : {}) } });

describe('deadlines with an injected clock', () => {
  it('uses the authority\'s period, 14 days for downstream providers and the default otherwise', async () => {
    const office = await file({ ...sampleRequest('inspection'), requester_kind: 'ai_office', stated_period_days: 10 });
    expect(office.dueAt).toBe('2026-12-05T09:00:00.000Z');
    expect((await file(sampleRequest('inspection'))).dueAt).toBe('2026-12-09T09:00:00.000Z');
    expect((await file(sampleRequest('dataset'))).dueAt).toBe('2026-12-25T09:00:00.000Z');
  });

  it('pauses while waiting for clarification, resumes with the time added, and is overdue at the right instant', async () => {
    const request = await file(sampleRequest('inspection'));
    await move('secretary', request.id, 'acknowledge');
    await move('lawyer', request.id, 'triage');
    hub.clock.advance(2 * DAY);
    await move('lawyer', request.id, 'ask_clarification', 'Which sources exactly?');
    hub.clock.advance(5 * DAY);
    const paused = await json(hub.as('lawyer', `/api/v1/requests/${request.id}`));
    expect(paused).toMatchObject({ state: 'clarification', paused: true, overdue: false });
    await move('requester', request.id, 'clarify', 'The Maltese web crawl.');
    const resumed = await json(hub.as('lawyer', `/api/v1/requests/${request.id}`));
    expect(resumed).toMatchObject({ state: 'triaged', paused: false, dueAt: '2026-12-14T09:00:00.000Z' });

    hub.clock.set('2026-12-14T09:00:00.000Z');
    expect((await json(hub.app.request(`/api/v1/requests/${request.id}`))).overdue).toBe(false);
    hub.clock.set('2026-12-14T09:00:00.001Z');
    expect((await json(hub.app.request(`/api/v1/requests/${request.id}`))).overdue).toBe(true);
    expect((await json(hub.app.request('/api/v1/requests?overdue=true'))).items.map((item: { id: string }) => item.id)).toEqual([request.id]);
  });

  it('sends the due-soon and overdue notices once each, and none while paused', async () => {
    const request = await file(sampleRequest('inspection'));
    const at = (days: number) => new Date(Date.parse('2026-11-25T09:00:00.000Z') + days * DAY).toISOString();
    expect(await runRequestClock(hub.services, at(10))).toEqual([]);
    expect(await runRequestClock(hub.services, at(11.5))).toEqual([{ id: request.id, notice: 'due_soon' }]);
    expect(await runRequestClock(hub.services, at(12))).toEqual([]);
    expect(await runRequestClock(hub.services, at(14.5))).toEqual([{ id: request.id, notice: 'overdue' }]);
    expect(await runRequestClock(hub.services, at(20))).toEqual([]);
    const events = await json(hub.app.request('/api/v1/events?limit=1000'));
    expect(events.items.filter((entry: { type: string }) => entry.type.startsWith('request.') && entry.type !== 'request.filed').map((entry: { type: string }) => entry.type)).toEqual([
      'request.due_soon',
      'request.overdue',
    ]);
    const paused = await file(sampleRequest('inspection'));
    await move('secretary', paused.id, 'acknowledge');
    await move('lawyer', paused.id, 'triage');
    await move('lawyer', paused.id, 'ask_clarification', 'Details?');
    expect((await runRequestClock(hub.services, at(30))).filter((notice) => notice.id === paused.id)).toEqual([]);
  });
});

describe('malformed requests', () => {
  it('are refused with every problem listed at once', async () => {
    const response = await hub.as('requester', '/api/v1/requests', {
      method: 'POST',
      body: { type: 'inspection', requester_kind: 'journalist', stated_period_days: 'soon', scope: { details: 'x'.repeat(20_001) }, attachments: ['not a url'], contact: { name: 'A' } },
    });
    expect(response.status).toBe(400);
    const { error } = await json(response);
    const paths = error.details.issues.map((issue: { path: string }) => issue.path).sort();
    expect(paths).toEqual(['attachments.0', 'contact.email', 'requester_kind', 'scope.details', 'stated_period_days']);
    expect(await json(hub.app.request('/api/v1/requests'))).toEqual({ items: [], next: null });
  });

  it('names a wrong type and an unknown request type', async () => {
    const wrongType = await json(hub.as('requester', '/api/v1/requests', { method: 'POST', body: { ...sampleRequest('dataset'), estimated_tokens: 'many', languages: 'mlt' } }));
    expect(wrongType.error.details.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['estimated_tokens', 'languages']);
    const unknownType = await json(hub.as('requester', '/api/v1/requests', { method: 'POST', body: { type: 'complaint' } }));
    expect(unknownType.error.details.issues[0].message).toMatch(/dataset, access, inspection/);
  });

  it('asks the AI Office for its stated period', async () => {
    const missing = await json(hub.as('requester', '/api/v1/requests', { method: 'POST', body: { ...sampleRequest('inspection'), requester_kind: 'ai_office' } }));
    expect(missing.error.details.issues).toEqual([expect.objectContaining({ path: 'stated_period_days', message: expect.stringMatching(/period the authority stated/) })]);
  });

  it('refuses anonymous filing', async () => {
    const response = await hub.app.request('/api/v1/requests', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(sampleRequest('dataset')) });
    expect(response.status).toBe(401);
  });
});

describe('leaving a pause', () => {
  it('restarts the clock whichever way the request leaves waiting (here: withdrawn)', async () => {
    const request = await file(sampleRequest('dataset'));
    await move('steward', request.id, 'triage');
    await move('steward', request.id, 'ask_info', 'Which licence exactly?');
    hub.clock.advance(2 * DAY);
    const withdrawn = await json(hub.as('requester', `/api/v1/requests/${request.id}/transitions`, { method: 'POST', body: { transition: 'withdraw' } }));
    expect(withdrawn).toMatchObject({ state: 'withdrawn', paused: false, pauses: [{ to: expect.any(String) }] });
    const dueAt = withdrawn.dueAt;
    hub.clock.advance(5 * DAY);
    expect((await json(hub.app.request(`/api/v1/requests/${request.id}`))).dueAt).toBe(dueAt);
  });
});
