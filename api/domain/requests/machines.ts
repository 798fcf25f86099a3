import { oneRequestOf, REQUEST_TYPE_NAMES } from './request-type-names.ts';
import type { RequestRole, RequestType } from './vocabulary.ts';

/** A move of a request from one state to another, who may make it, and what it needs. */
export type Transition = {
  name: string;
  from: readonly string[];
  /** The state it leads to; `back` returns to the state the request had before it was paused. */
  to: string;
  roles: readonly RequestRole[];
  /** A decision (decline, reject, revoke) must say why. */
  comment: 'required' | 'optional';
  /** Waiting for the requester: the deadline clock stops until the request leaves this state. */
  pauses?: boolean;
};

export type Machine = { initial: string; states: readonly string[]; final: readonly string[]; transitions: readonly Transition[] };

const handlers = (...roles: RequestRole[]) => roles;

/** Dataset nominations: submitted → triaged → needs_info ⟲ → under_review → accepted (→ scheduled) | declined | withdrawn. */
export const DATASET_MACHINE: Machine = {
  initial: 'submitted',
  states: ['submitted', 'triaged', 'needs_info', 'under_review', 'accepted', 'scheduled', 'declined', 'withdrawn'],
  final: ['scheduled', 'declined', 'withdrawn'],
  transitions: [
    { name: 'triage', from: ['submitted'], to: 'triaged', roles: handlers('data_steward', 'secretariat'), comment: 'optional' },
    { name: 'ask_info', from: ['triaged', 'under_review'], to: 'needs_info', roles: handlers('data_steward', 'secretariat'), comment: 'required', pauses: true },
    { name: 'provide_info', from: ['needs_info'], to: 'back', roles: ['requester'], comment: 'required' },
    { name: 'start_review', from: ['triaged'], to: 'under_review', roles: handlers('data_steward'), comment: 'optional' },
    { name: 'accept', from: ['under_review'], to: 'accepted', roles: handlers('data_steward', 'secretariat'), comment: 'optional' },
    { name: 'schedule', from: ['accepted'], to: 'scheduled', roles: handlers('data_steward'), comment: 'optional' },
    { name: 'decline', from: ['submitted', 'triaged', 'under_review'], to: 'declined', roles: handlers('data_steward', 'secretariat'), comment: 'required' },
    { name: 'withdraw', from: ['submitted', 'triaged', 'needs_info', 'under_review'], to: 'withdrawn', roles: ['requester'], comment: 'optional' },
  ],
};

/** Access requests: eligibility checked when filed; then review; granted | rejected; granted can be revoked. */
export const ACCESS_MACHINE: Machine = {
  initial: 'submitted',
  states: ['submitted', 'under_review', 'granted', 'rejected', 'revoked', 'withdrawn'],
  final: ['rejected', 'revoked', 'withdrawn'],
  transitions: [
    { name: 'start_review', from: ['submitted'], to: 'under_review', roles: handlers('legal', 'secretariat'), comment: 'optional' },
    { name: 'grant', from: ['under_review'], to: 'granted', roles: handlers('legal'), comment: 'optional' },
    { name: 'reject', from: ['submitted', 'under_review'], to: 'rejected', roles: handlers('legal'), comment: 'required' },
    { name: 'revoke', from: ['granted'], to: 'revoked', roles: handlers('legal'), comment: 'required' },
    { name: 'withdraw', from: ['submitted', 'under_review'], to: 'withdrawn', roles: ['requester'], comment: 'optional' },
  ],
};

/** Data-inspection requests: received → acknowledged → triaged → clarification ⟲ → approved | rejected → scheduled → fulfilled → closed. */
export const INSPECTION_MACHINE: Machine = {
  initial: 'received',
  states: ['received', 'acknowledged', 'triaged', 'clarification', 'approved', 'rejected', 'scheduled', 'fulfilled', 'closed'],
  final: ['closed'],
  transitions: [
    { name: 'acknowledge', from: ['received'], to: 'acknowledged', roles: handlers('secretariat', 'legal'), comment: 'optional' },
    { name: 'triage', from: ['acknowledged'], to: 'triaged', roles: handlers('legal', 'data_steward'), comment: 'optional' },
    { name: 'ask_clarification', from: ['triaged'], to: 'clarification', roles: handlers('legal'), comment: 'required', pauses: true },
    { name: 'clarify', from: ['clarification'], to: 'back', roles: ['requester'], comment: 'required' },
    { name: 'approve', from: ['triaged'], to: 'approved', roles: handlers('legal'), comment: 'optional' },
    { name: 'reject', from: ['triaged'], to: 'rejected', roles: handlers('legal'), comment: 'required' },
    { name: 'schedule', from: ['approved'], to: 'scheduled', roles: handlers('data_steward', 'secretariat'), comment: 'optional' },
    { name: 'fulfil', from: ['scheduled'], to: 'fulfilled', roles: handlers('data_steward'), comment: 'optional' },
    { name: 'close', from: ['fulfilled', 'rejected'], to: 'closed', roles: handlers('secretariat', 'legal'), comment: 'optional' },
  ],
};

/**
 * Model-card corrections: submitted → under_review → accepted (a pull request will fix the card) →
 * fixed, or declined; needs_info ⟲ from submitted or under review; the requester may withdraw until
 * accepted. The release manager owns the cards, so only they mark one fixed.
 */
export const CARD_CORRECTION_MACHINE: Machine = {
  initial: 'submitted',
  states: ['submitted', 'needs_info', 'under_review', 'accepted', 'fixed', 'declined', 'withdrawn'],
  final: ['fixed', 'declined', 'withdrawn'],
  transitions: [
    { name: 'start_review', from: ['submitted'], to: 'under_review', roles: handlers('release_manager', 'secretariat'), comment: 'optional' },
    { name: 'ask_info', from: ['submitted', 'under_review'], to: 'needs_info', roles: handlers('release_manager', 'secretariat'), comment: 'required', pauses: true },
    { name: 'provide_info', from: ['needs_info'], to: 'back', roles: ['requester'], comment: 'required' },
    { name: 'accept', from: ['under_review'], to: 'accepted', roles: handlers('release_manager', 'secretariat'), comment: 'optional' },
    { name: 'fix', from: ['accepted'], to: 'fixed', roles: handlers('release_manager'), comment: 'optional' },
    { name: 'decline', from: ['submitted', 'under_review'], to: 'declined', roles: handlers('release_manager', 'secretariat'), comment: 'required' },
    { name: 'withdraw', from: ['submitted', 'needs_info', 'under_review'], to: 'withdrawn', roles: ['requester'], comment: 'optional' },
  ],
};

export const MACHINES: Record<RequestType, Machine> = {
  dataset: DATASET_MACHINE,
  access: ACCESS_MACHINE,
  inspection: INSPECTION_MACHINE,
  card_correction: CARD_CORRECTION_MACHINE,
};

/** States in which the request has been answered (for deadlines: the answer is due by the due date). */
export const ANSWERED_STATES: Record<RequestType, readonly string[]> = {
  dataset: ['accepted', 'scheduled', 'declined', 'withdrawn'],
  access: ['granted', 'rejected', 'revoked', 'withdrawn'],
  inspection: ['approved', 'rejected', 'scheduled', 'fulfilled', 'closed'],
  // Accepting is the answer: the fix itself waits for a pull request, as scheduling waits for a cycle.
  card_correction: ['accepted', 'fixed', 'declined', 'withdrawn'],
};

export type TransitionVerdict =
  | { allowed: true; transition: Transition; to: string }
  | { allowed: false; code: 'invalid' | 'conflict' | 'forbidden'; message: string };

/**
 * Whether `roles` may make `name` from `state`. "No" is a value: an unknown transition is invalid, a
 * transition not possible from here is a conflict, the wrong role is forbidden, a missing required
 * comment is invalid.
 */
export function judgeTransition(
  type: RequestType,
  request: { state: string; pausedFrom: string | null },
  name: string,
  roles: readonly RequestRole[],
  comment: string | null | undefined,
): TransitionVerdict {
  const machine = MACHINES[type];
  const transition = machine.transitions.find((candidate) => candidate.name === name);
  if (!transition)
    return { allowed: false, code: 'invalid', message: `"${name}" is not a transition of ${REQUEST_TYPE_NAMES[type].many} (${machine.transitions.map((t) => t.name).join(', ')}).` };
  if (!transition.from.includes(request.state))
    return {
      allowed: false,
      code: 'conflict',
      message: `${oneRequestOf(type)} cannot "${name}" while ${inWords(request.state)} (only from ${orList(transition.from.map(inWords))}).`,
    };
  if (!transition.roles.some((role) => roles.includes(role)))
    return { allowed: false, code: 'forbidden', message: `"${name}" is for ${transition.roles.join(' or ')}.` };
  if (transition.comment === 'required' && !comment?.trim())
    return { allowed: false, code: 'invalid', message: `"${name}" needs a comment saying why.` };
  const to = transition.to === 'back' ? (request.pausedFrom ?? machine.initial) : transition.to;
  return { allowed: true, transition, to };
}

/** A state as a message writes it: `under_review` is "under review". */
const inWords = (state: string) => state.replaceAll('_', ' ');
const orList = (items: readonly string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);
