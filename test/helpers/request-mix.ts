import { REQUEST_TYPES, type RequestType } from '../../api/domain/requests/vocabulary.ts';
import type { ServiceContext } from '../../api/services/context.ts';
import { fileRequest } from '../../api/services/requests/file-request.ts';
import { transitionRequest } from '../../api/services/requests/transition-request.ts';
import { member, sampleRequest } from './requests.ts';

const HOUR = 3_600_000;

/** Who makes each first move, per type and scenario (see fileRequestMix). */
const MOVES: Record<RequestType, [string, string, string?][][]> = {
  dataset: [
    [],
    [['steward', 'triage']],
    [['steward', 'triage'], ['steward', 'ask_info', 'What licence exactly?']],
    [['steward', 'decline', 'Out of scope.']],
    [['steward', 'triage'], ['steward', 'start_review']],
  ],
  access: [[], [['lawyer', 'start_review']], [['lawyer', 'reject', 'Not eligible.']]],
  inspection: [
    [],
    [['secretary', 'acknowledge']],
    [['secretary', 'acknowledge'], ['lawyer', 'triage'], ['lawyer', 'ask_clarification', 'Which sources?']],
    [['secretary', 'acknowledge'], ['lawyer', 'triage'], ['lawyer', 'approve']],
  ],
  card_correction: [
    [],
    [['release-manager', 'start_review'], ['release-manager', 'ask_info', 'Which run report?']],
    [['secretary', 'start_review'], ['release-manager', 'accept'], ['release-manager', 'fix']],
    [['release-manager', 'decline', 'The card is right.']],
  ],
};

/**
 * Files `count` requests through the services, as the REQUEST_PEOPLE hub's requester: the
 * types in turn, five at a time at one instant (one more than the types, so that two of one type
 * share an instant and the id breaks their tie on `filedAt`, whatever the filter) with seven
 * hours between groups, each moved a few steps (some answered, some waiting for the requester). Half
 * of those waiting are answered at the end, so their deadline carries a closed pause. Returns the
 * ids in filing order; the clock is left at the last move.
 */
export async function fileRequestMix(services: ServiceContext, clock: { advance(ms: number): void }, count: number): Promise<string[]> {
  const ids: string[] = [];
  const waiting: { id: string; type: RequestType }[] = [];
  for (let index = 0; index < count; index++) {
    if (index % (REQUEST_TYPES.length + 1) === 0) clock.advance(7 * HOUR);
    const type = REQUEST_TYPES[index % REQUEST_TYPES.length]!;
    const filed = await fileRequest(services, { actor: member('requester'), input: sampleRequest(type, `n${index}`) });
    const scenarios = MOVES[type];
    const moves = scenarios[Math.floor(index / REQUEST_TYPES.length) % scenarios.length]!;
    for (const [person, transition, comment] of moves)
      await transitionRequest(services, { actor: member(person), input: { id: filed.id, transition, ...(comment ? { comment } : {}) } });
    if (moves.some(([, transition]) => transition === 'ask_info' || transition === 'ask_clarification')) waiting.push({ id: filed.id, type });
    ids.push(filed.id);
  }
  for (const [index, { id, type }] of waiting.entries()) {
    if (index % 2 === 1) continue;
    clock.advance(HOUR);
    const transition = type === 'inspection' ? 'clarify' : 'provide_info';
    await transitionRequest(services, { actor: member('requester'), input: { id, transition, comment: 'Here you are.' } });
  }
  return ids;
}
