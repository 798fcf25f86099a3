import { describe, expect, it } from 'vitest';
import { judgeTransition, MACHINES } from './machines.ts';
import { REQUEST_TYPES, type RequestType } from './vocabulary.ts';

const refusal = (type: RequestType, state: string, name: string) => {
  const verdict = judgeTransition(type, { state, pausedFrom: null }, name, ['secretariat', 'data_steward', 'legal', 'requester'], 'because');
  if (verdict.allowed) throw new Error(`${type}: "${name}" from ${state} was allowed`);
  return verdict.message;
};

describe('judgeTransition refusals', () => {
  it.each([
    ['access', 'submitted', 'grant', 'An access request cannot "grant" while submitted (only from under review).'],
    ['inspection', 'received', 'approve', 'A data-inspection request cannot "approve" while received (only from triaged).'],
    ['dataset', 'under_review', 'triage', 'A dataset nomination cannot "triage" while under review (only from submitted).'],
    ['access', 'withdrawn', 'withdraw', 'An access request cannot "withdraw" while withdrawn (only from submitted or under review).'],
    ['access', 'submitted', 'approve', '"approve" is not a transition of access requests (start_review, grant, reject, revoke, withdraw).'],
    ['dataset', 'submitted', 'grant', '"grant" is not a transition of dataset nominations (triage, ask_info, provide_info, start_review, accept, schedule, decline, withdraw).'],
  ] as const)('%s from %s by "%s": %s', (type, state, name, message) => {
    expect(refusal(type, state, name)).toBe(message);
  });

  it('names every type with the right article, from every state', () => {
    for (const type of REQUEST_TYPES)
      for (const state of MACHINES[type].states)
        for (const transition of MACHINES[type].transitions.filter((candidate) => !candidate.from.includes(state)))
          expect(refusal(type, state, transition.name)).toMatch(/^(An access|A dataset nomination|A data-inspection) /);
  });
});
