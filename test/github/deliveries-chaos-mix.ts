import type { CommentJson, FakeGitHub, IssueJson } from '../helpers/fake-github.ts';
import { fixture, REPOSITORY } from '../helpers/github-hub.ts';
import { aboutComment, aboutIssue, datasetBody } from '../helpers/github-payloads.ts';

/** A small seeded PRNG (mulberry32): the same seed gives the same mix and the same order. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** What a delivery is, and so what it should have done. */
export type Kind =
  | 'ping'
  | 'unknown'
  | 'opened'
  | 'edited'
  | 'plain'
  | 'status'
  | 'vote'
  | 'vote-not-member'
  | 'vote-no-vote'
  | 'transition'
  | 'transition-refused';

export type Planned = { guid: string; event: string; payload: Record<string, unknown>; kind: Kind; issue?: number; comment?: CommentJson; sends: 1 | 2 };
export type Forged = { guid: string; event: string; payload: Record<string, unknown>; how: 'wrong-secret' | 'unsigned' | 'tampered'; issue?: number; comment?: CommentJson };
export type Send = { guid: string; event: string; payload: Record<string, unknown>; forged?: Forged['how'] };
/** An issue opened during the chaos: whether its body parses at first and after its edit (the newest view). */
export type ChaosIssue = { issue: IssueJson; firstName: string | null; finalName: string | null; isEdited: boolean };

export const COUNTS = { sends: 1000, duplicates: 100, forged: 100, ping: 15, unknown: 85, opened: 130, broken: 30, edited: 50, fixed: 20, plain: 210, status: 100, vote: 120, voteNotMember: 20, voteNoVote: 10, transitionRefused: 30 } as const;

const later = (at: string, seconds: number) => new Date(Date.parse(at) + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const BROKEN = { url: 'not a url', estimated_tokens: 'lots' };

/**
 * The chaos: 1,000 sends in a random order — issues opened (some forms broken) and edited (some
 * edits arriving first), comments with and without commands, pings and events without handlers;
 * 100 of the valid deliveries sent twice under the same GUID, 100 forged ones mixed in.
 */
export function planChaos(options: { random: () => number; github: FakeGitHub; voteIssues: IssueJson[]; transitionIssues: IssueJson[]; delegates: string[]; steward: string }) {
  const { random, github, voteIssues, transitionIssues, delegates, steward } = options;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let next = 0;
  const guid = () => `chaos-${(next++).toString().padStart(4, '0')}`;
  const valid: Planned[] = [];
  const add = (kind: Kind, event: string, payload: Record<string, unknown>, extra: Partial<Planned> = {}) => valid.push({ guid: guid(), event, payload, kind, sends: 1, ...extra });

  const chaosIssues: ChaosIssue[] = [];
  for (let index = 0; index < COUNTS.opened; index++) {
    const isBroken = index < COUNTS.broken;
    const name = `Chaos corpus ${index}`;
    const issue = github.seedIssue(REPOSITORY, { title: name, body: isBroken ? datasetBody({ name, ...BROKEN }) : datasetBody({ name }), user: `requester-${index}`, labels: ['agora:type/dataset'] });
    chaosIssues.push({ issue, firstName: isBroken ? null : name, finalName: isBroken ? null : name, isEdited: false });
    add('opened', 'issues', aboutIssue('opened', issue), { issue: issue.number });
  }
  // Edits: the broken forms fixed (the first COUNTS.fixed of them), then valid forms revised.
  const editedIssues = [...chaosIssues.slice(0, COUNTS.fixed), ...chaosIssues.slice(COUNTS.broken, COUNTS.broken + COUNTS.edited - COUNTS.fixed)];
  for (const chaos of editedIssues) {
    const name = `${chaos.issue.title} (revised)`;
    const newer = { ...chaos.issue, body: datasetBody({ name }), updated_at: later(chaos.issue.updated_at, 60) };
    Object.assign(chaos, { finalName: name, isEdited: true });
    add('edited', 'issues', aboutIssue('edited', newer, chaos.issue.user, { changes: { body: { from: chaos.issue.body } } }), { issue: chaos.issue.number });
  }
  for (let index = 0; index < COUNTS.ping; index++) add('ping', 'ping', { ...fixture('ping'), hook_id: index });
  const unknown: [string, () => Record<string, unknown>][] = [
    ['star', () => ({ action: 'created', starred_at: null, repository: { full_name: REPOSITORY } })],
    ['watch', () => ({ action: 'started', repository: { full_name: REPOSITORY } })],
    ['fork', () => ({ forkee: { full_name: 'someone/requests' }, repository: { full_name: REPOSITORY } })],
    ['workflow_run', () => ({ action: 'completed', repository: { full_name: REPOSITORY } })],
    ['issues', () => aboutIssue(pick(['milestoned', 'pinned', 'assigned', 'locked']), pick(chaosIssues).issue)],
  ];
  for (let index = 0; index < COUNTS.unknown; index++) {
    const [event, payload] = pick(unknown);
    add('unknown', event, payload());
  }

  const everyIssue = [...chaosIssues.map((chaos) => chaos.issue), ...voteIssues, ...transitionIssues];
  const commentOn = (kind: Kind, issue: IssueJson, user: string, body: string) => {
    const comment = github.seedComment(REPOSITORY, issue.number, { body, user });
    add(kind, 'issue_comment', aboutComment('created', issue as never, comment as never), { issue: issue.number, comment });
  };
  for (let index = 0; index < COUNTS.plain; index++) commentOn('plain', pick(everyIssue), `passer-by-${index % 17}`, pick(['Thanks, looks useful.', 'Is the licence right?', '+1', 'See also /docs on the site.']));
  for (let index = 0; index < COUNTS.status; index++) commentOn('status', pick(everyIssue), pick([...delegates, `passer-by-${index % 5}`]), '/status');
  for (let index = 0; index < COUNTS.vote; index++) commentOn('vote', pick(voteIssues), pick(delegates), `/vote ${pick(['approve', 'reject', 'abstain'])} round ${index}`);
  for (let index = 0; index < COUNTS.voteNotMember; index++) commentOn('vote-not-member', pick(voteIssues), `passer-by-${index % 5}`, '/vote approve');
  for (let index = 0; index < COUNTS.voteNoVote; index++) commentOn('vote-no-vote', pick(transitionIssues), pick(delegates), '/vote approve');
  for (const issue of transitionIssues) commentOn('transition', issue, steward, '/transition triaged in scope');
  for (let index = 0; index < COUNTS.transitionRefused; index++)
    if (index % 2 === 0) commentOn('transition-refused', pick(transitionIssues), pick(delegates), '/transition triaged');
    else commentOn('transition-refused', pick(transitionIssues), steward, '/transition accepted');

  // Forged: what an attacker would like to do — file requests, vote, be answered — with no valid signature.
  const forged: Forged[] = [];
  const ghosts = Array.from({ length: 20 }, (_, index) => github.seedIssue(REPOSITORY, { title: `Ghost ${index}`, body: datasetBody({ name: `Ghost ${index}` }), user: 'forger', labels: ['agora:type/dataset'] }));
  const hows = ['wrong-secret', 'unsigned', 'tampered'] as const;
  for (let index = 0; index < COUNTS.forged; index++) {
    const how = hows[index % 3]!;
    if (index < ghosts.length) forged.push({ guid: guid(), event: 'issues', payload: aboutIssue('opened', ghosts[index]!), how, issue: ghosts[index]!.number });
    else {
      const issue = index % 2 === 0 ? pick(voteIssues) : pick(everyIssue);
      const comment = github.seedComment(REPOSITORY, issue.number, { body: index % 2 === 0 ? '/vote reject forged' : '/status', user: pick(delegates) });
      forged.push({ guid: guid(), event: 'issue_comment', payload: aboutComment('created', issue as never, comment as never), how, issue: issue.number, comment });
    }
  }

  for (const planned of shuffle(random, valid).slice(0, COUNTS.duplicates)) planned.sends = 2;
  const sends: Send[] = shuffle(random, [
    ...valid.flatMap((planned) => Array.from({ length: planned.sends }, () => ({ guid: planned.guid, event: planned.event, payload: planned.payload }))),
    ...forged.map((entry) => ({ guid: entry.guid, event: entry.event, payload: entry.payload, forged: entry.how })),
  ]);
  // Some edits surely arrive before their issue is opened: the first few edited ones go to the front.
  for (const chaos of editedIssues.slice(0, 5)) {
    const edit = valid.find((planned) => planned.kind === 'edited' && planned.issue === chaos.issue.number)!;
    const at = sends.findIndex((send) => send.guid === edit.guid);
    sends.unshift(...sends.splice(at, 1));
  }
  if (sends.length !== COUNTS.sends) throw new Error(`the mix has ${sends.length} sends, not ${COUNTS.sends}`);
  return { sends, valid, forged, chaosIssues, ghosts, editedFirst: editedIssues.slice(0, 5).map((chaos) => chaos.issue.number) };
}

function shuffle<T>(random: () => number, items: T[]): T[] {
  const out = [...items];
  for (let index = out.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [out[index], out[other]] = [out[other]!, out[index]!];
  }
  return out;
}
