import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedDemoRequests } from '../../api/services/demo/seed-demo-requests.ts';
import { inspectionTransparency } from '../../api/services/requests/read-requests.ts';
import { buildRequestsSnapshot } from '../../api/services/requests/requests-snapshot.ts';
import { json } from '../helpers/http.ts';
import { createRequestHub, sampleRequest } from '../helpers/requests.ts';

// The transparency figures are the consortium's record: the requests `agora demo` files (three of
// them data-inspection requests: one answered, one overdue, one waiting for clarification) are left
// out unless the reader asks for them, and the answer says how many were left out.

let hub: Awaited<ReturnType<typeof createRequestHub>>;
beforeEach(async () => {
  hub = await createRequestHub();
  await seedDemoRequests(hub.services);
  // One real data-inspection request, answered at once.
  const filed = await hub.as('requester', '/api/v1/requests', { method: 'POST', body: { ...sampleRequest('inspection'), requester_kind: 'researcher' } });
  const { id } = await json(filed);
  for (const [person, transition] of [['secretary', 'acknowledge'], ['lawyer', 'triage'], ['lawyer', 'approve']] as const) {
    const moved = await hub.as(person, `/api/v1/requests/${id}/transitions`, { method: 'POST', body: { transition } });
    expect(moved.status, await moved.clone().text()).toBe(200);
  }
});
afterEach(() => hub.close());

const REAL_ONLY = {
  includesDemo: false,
  demoExcluded: 3,
  received: 1,
  answered: 1,
  answeredOnTime: 1,
  open: 0,
  overdue: 0,
  medianResponseDays: 0,
  byRequesterKind: [{ requesterKind: 'researcher', received: 1, answered: 1, answeredOnTime: 1, medianResponseDays: 0 }],
};

describe('the transparency figures and demo requests', () => {
  it('leave the demo requests out by default, in the service and the API, and say how many', async () => {
    expect(await inspectionTransparency(hub.services)).toMatchObject(REAL_ONLY);
    const answer = await hub.app.request('/api/v1/requests/transparency');
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject(REAL_ONLY);
  });

  it('count them in when asked with ?includeDemo=true (and only then)', async () => {
    const all = await json(hub.app.request('/api/v1/requests/transparency?includeDemo=true'));
    expect(all).toMatchObject({ includesDemo: true, demoExcluded: 0, received: 4, answered: 2, answeredOnTime: 2, open: 2, overdue: 1 });
    expect(all.byRequesterKind.map((row: { requesterKind: string }) => row.requesterKind)).toEqual(['downstream_provider', 'national_authority', 'researcher', 'rightsholder']);
    expect(await inspectionTransparency(hub.services, { includeDemo: true })).toMatchObject({ received: 4, demoExcluded: 0 });
    // Read after the other, so an anonymous read cached under one answer cannot stand for the other.
    expect(await json(hub.app.request('/api/v1/requests/transparency?includeDemo=false'))).toMatchObject(REAL_ONLY);
    expect(await json(hub.app.request('/api/v1/requests/transparency'))).toMatchObject(REAL_ONLY);
  });

  it('refuse an includeDemo that is not true or false', async () => {
    const answer = hub.app.request('/api/v1/requests/transparency?includeDemo=yes');
    expect((await answer).status).toBe(400);
    expect((await json(answer)).error.code).toBe('invalid');
  });

  it('reach the site snapshot without the demo requests, which stay in its list, marked', async () => {
    const snapshot = await buildRequestsSnapshot(hub.services);
    const { includesDemo: _all, ...figures } = REAL_ONLY;
    expect(snapshot.transparency).toEqual(figures);
    expect(snapshot.items.filter((item) => item.isDemo)).toHaveLength(8);
  });
});
