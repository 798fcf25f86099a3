import { describe, expect, it } from 'vitest';
import { ANSWERED_STATES, judgeTransition, MACHINES } from './machines.ts';
import { HANDLER_ROLES, REQUEST_TYPES, type RequestRole, type RequestType } from './vocabulary.ts';

const EVERY_ROLE: RequestRole[] = [...HANDLER_ROLES, 'requester'];

const refusal = (type: RequestType, state: string, name: string) => {
  const verdict = judgeTransition(type, { state, pausedFrom: null }, name, EVERY_ROLE, 'because');
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
    ['card_correction', 'under_review', 'fix', 'A model-card correction cannot "fix" while under review (only from accepted).'],
    ['card_correction', 'accepted', 'withdraw', 'A model-card correction cannot "withdraw" while accepted (only from submitted, needs info or under review).'],
    ['card_correction', 'submitted', 'triage', '"triage" is not a transition of model-card corrections (start_review, ask_info, provide_info, accept, fix, decline, withdraw).'],
  ] as const)('%s from %s by "%s": %s', (type, state, name, message) => {
    expect(refusal(type, state, name)).toBe(message);
  });

  it('names every type with the right article, from every state', () => {
    for (const type of REQUEST_TYPES)
      for (const state of MACHINES[type].states)
        for (const transition of MACHINES[type].transitions.filter((candidate) => !candidate.from.includes(state)))
          expect(refusal(type, state, transition.name)).toMatch(/^(An access|A dataset nomination|A data-inspection|A model-card correction) /);
  });
});

/** A card correction as the handlers see it, in `state` (paused from `pausedFrom` when waiting). */
const correction = (state: string, pausedFrom: string | null = null) => ({ state, pausedFrom });

describe('the model-card correction machine', () => {
  it.each([
    ['submitted', 'start_review', ['release_manager'], 'under_review'],
    ['submitted', 'start_review', ['secretariat'], 'under_review'],
    ['under_review', 'accept', ['secretariat'], 'accepted'],
    ['accepted', 'fix', ['release_manager'], 'fixed'],
    ['under_review', 'decline', ['release_manager'], 'declined'],
    ['submitted', 'ask_info', ['secretariat'], 'needs_info'],
    ['needs_info', 'withdraw', ['requester'], 'withdrawn'],
  ] as const)('from %s, "%s" by %j leads to %s', (state, name, roles, to) => {
    expect(judgeTransition('card_correction', correction(state), name, roles, 'because')).toMatchObject({ allowed: true, to });
  });

  it('returns a paused correction to the state it was asked from', () => {
    expect(judgeTransition('card_correction', correction('needs_info', 'under_review'), 'provide_info', ['requester'], 'Page 3 of the report.')).toMatchObject({ allowed: true, to: 'under_review' });
    expect(judgeTransition('card_correction', correction('needs_info', 'submitted'), 'provide_info', ['requester'], 'Page 3 of the report.')).toMatchObject({ allowed: true, to: 'submitted' });
  });

  it.each([
    ['the secretariat marking it fixed', 'accepted', 'fix', ['secretariat'], 'forbidden', '"fix" is for release_manager.'],
    ['a data steward reviewing it', 'submitted', 'start_review', ['data_steward', 'legal'], 'forbidden', '"start_review" is for release_manager or secretariat.'],
    ['the requester accepting it', 'under_review', 'accept', ['requester'], 'forbidden', '"accept" is for release_manager or secretariat.'],
    ['a decline without a reason', 'under_review', 'decline', ['release_manager'], 'invalid', '"decline" needs a comment saying why.'],
  ] as const)('refuses %s', (_case, state, name, roles, code, message) => {
    expect(judgeTransition('card_correction', correction(state), name, roles, name === 'decline' ? '  ' : null)).toEqual({ allowed: false, code, message });
  });

  it('stops the clock only while waiting for the requester', () => {
    const pausing = MACHINES.card_correction.transitions.filter((transition) => transition.pauses).map((transition) => transition.to);
    expect(pausing).toEqual(['needs_info']);
  });
});

describe('every machine', () => {
  it.each(REQUEST_TYPES)('%s: final and answered states are its own, and every final state is an answer', (type) => {
    const { states, final } = MACHINES[type];
    expect(states).toEqual(expect.arrayContaining([...final, ...ANSWERED_STATES[type]]));
    expect(ANSWERED_STATES[type]).toEqual(expect.arrayContaining([...final]));
  });

  it.each(REQUEST_TYPES)('%s: every state can be reached from the initial one', (type) => {
    const { initial, states, transitions } = MACHINES[type];
    const reached = new Set([initial]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const transition of transitions)
        if (transition.to !== 'back' && !reached.has(transition.to) && transition.from.some((state) => reached.has(state))) {
          reached.add(transition.to);
          grew = true;
        }
    }
    expect([...reached].sort()).toEqual([...states].sort());
  });
});
