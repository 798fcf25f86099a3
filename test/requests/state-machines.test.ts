import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MACHINES, type Machine } from '../../api/domain/requests/machines.ts';
import type { RequestRole, RequestType } from '../../api/domain/requests/vocabulary.ts';
import { anonymous, type Actor } from '../../api/services/context.ts';
import { AppError } from '../../api/services/errors.ts';
import { fileRequest } from '../../api/services/requests/file-request.ts';
import { transitionRequest } from '../../api/services/requests/transition-request.ts';
import { tables } from '../../db/index.ts';
import { createRequestHub, member, sampleRequest } from '../helpers/requests.ts';

/** Who plays each role; "outsider" (a delegate with no handler role) and anonymous are refused everything. */
const ACTORS: Record<RequestRole | 'outsider' | 'anonymous', Actor> = {
  requester: member('requester'),
  secretariat: member('secretary'),
  data_steward: member('steward'),
  legal: member('lawyer'),
  release_manager: member('release-manager'),
  outsider: member('outsider'),
  anonymous,
};

let hub: Awaited<ReturnType<typeof createRequestHub>>;
// The inclusion vote has its own test; here a nomination is accepted on its own merits.
beforeAll(async () => {
  hub = await createRequestHub({ withoutPolicies: ['dataset_inclusion'] });
});
afterAll(() => hub.close());

const ledgerSize = async () => (await hub.database.db.select({ n: count() }).from(tables.ledger))[0]!.n;

/** The shortest way from the initial state to `target`, as transition names. */
function pathTo(machine: Machine, target: string): string[] {
  const queue: { state: string; path: string[]; paused: string | null }[] = [{ state: machine.initial, path: [], paused: null }];
  const seen = new Set<string>();
  while (queue.length) {
    const { state, path, paused } = queue.shift()!;
    if (state === target) return path;
    if (seen.has(state)) continue;
    seen.add(state);
    for (const transition of machine.transitions)
      if (transition.from.includes(state)) {
        const to = transition.to === 'back' ? (paused ?? machine.initial) : transition.to;
        queue.push({ state: to, path: [...path, transition.name], paused: transition.pauses ? state : paused });
      }
  }
  throw new Error(`${target} cannot be reached`);
}

/** Files a request and walks it to `state`, each step by a role allowed to take it. */
async function requestIn(type: RequestType, state: string): Promise<string> {
  const machine = MACHINES[type];
  const filed = await fileRequest(hub.services, { actor: ACTORS.requester, input: sampleRequest(type) });
  for (const name of pathTo(machine, state)) {
    const role = machine.transitions.find((transition) => transition.name === name)!.roles[0]!;
    await transitionRequest(hub.services, { actor: ACTORS[role], input: { id: filed.id, transition: name, comment: 'because' } });
  }
  return filed.id;
}

for (const type of Object.keys(MACHINES) as RequestType[]) {
  const machine = MACHINES[type];
  describe(`${type} requests`, () => {
    for (const state of machine.states) {
      it(`from "${state}": every transition by every role is allowed or refused exactly as the machine says`, async () => {
        const standing = await requestIn(type, state);
        for (const transition of machine.transitions)
          for (const [role, actor] of Object.entries(ACTORS)) {
            const allowed = transition.from.includes(state) && (transition.roles as string[]).includes(role);
            const target = allowed ? await requestIn(type, state) : standing;
            const before = await ledgerSize();
            const attempt = await transitionRequest(hub.services, { actor, input: { id: target, transition: transition.name, comment: 'because' } }).then(
              (view) => ({ ok: true as const, view }),
              (error: unknown) => ({ ok: false as const, error }),
            );
            const label = `${type}: ${transition.name} from ${state} by ${role}`;
            if (allowed) {
              expect(attempt.ok, label).toBe(true);
              if (attempt.ok) expect(attempt.view.state, label).not.toBe(undefined);
              expect(await ledgerSize(), label).toBe(before + 1);
            } else {
              expect(attempt.ok, label).toBe(false);
              if (!attempt.ok) {
                expect(attempt.error, label).toBeInstanceOf(AppError);
                expect(['conflict', 'forbidden', 'unauthorized'], label).toContain((attempt.error as AppError).code);
              }
              expect(await ledgerSize(), label).toBe(before);
            }
          }
      });
    }
  });
}

describe('what transitions need', () => {
  it('refuses a decision without a comment, with the clear code, and writes nothing', async () => {
    const id = await requestIn('dataset', 'triaged');
    const before = await ledgerSize();
    const error = await transitionRequest(hub.services, { actor: ACTORS.data_steward, input: { id, transition: 'decline' } }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/needs a comment/) });
    expect(await ledgerSize()).toBe(before);
  });

  it('names an unknown transition', async () => {
    const id = await requestIn('access', 'submitted');
    const error = await transitionRequest(hub.services, { actor: ACTORS.legal, input: { id, transition: 'approve' } }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/start_review, grant, reject, revoke, withdraw/) });
  });

  it('returns a paused request to where it was when the requester answers', async () => {
    const id = await requestIn('dataset', 'under_review');
    await transitionRequest(hub.services, { actor: ACTORS.data_steward, input: { id, transition: 'ask_info', comment: 'Which years?' } });
    const back = await transitionRequest(hub.services, { actor: ACTORS.requester, input: { id, transition: 'provide_info', comment: '2010–2024' } });
    expect(back.state).toBe('under_review');
  });

  it('grants access only to an eligible requester, with a re-validation date', async () => {
    const eligible = await requestIn('access', 'under_review');
    const granted = await transitionRequest(hub.services, { actor: ACTORS.legal, input: { id: eligible, transition: 'grant' } });
    expect(granted.revalidateAt).toBe('2027-11-25T09:00:00.000Z');
    const controlled = await fileRequest(hub.services, {
      actor: ACTORS.requester,
      input: { ...sampleRequest('access'), organization: { name: 'Subsidiary', country: 'DE', third_country_controlled: true, controllers: [{ name: 'Parent Inc.', country: 'US' }] } } as never,
    });
    expect(controlled).toMatchObject({ eligibility: { eligible: false } });
    await transitionRequest(hub.services, { actor: ACTORS.legal, input: { id: controlled.id, transition: 'start_review' } });
    const refused = await transitionRequest(hub.services, { actor: ACTORS.legal, input: { id: controlled.id, transition: 'grant' } }).catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ code: 'conflict' });
  });
});
