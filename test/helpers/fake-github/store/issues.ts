import { notFound } from '../github-error.ts';
import { resolveLabels } from './labels.ts';
import type { Store } from './store.ts';
import type { Issue, PullRequest, Repo, StateReason, User } from './types.ts';

export type IssueInput = {
  title: string;
  body?: string | null;
  user: User;
  labels?: readonly string[];
  state?: Issue['state'];
  state_reason?: StateReason | null;
  locked?: boolean;
  created_at?: string;
  updated_at?: string;
  /** A number of the test's choosing; later issues are numbered after the highest. */
  number?: number;
  pull_request?: PullRequest | null;
};

/** Opens an issue (or the issue half of a pull request) with the next number. */
export function createIssue(store: Store, repo: Repo, input: IssueInput): Issue {
  const number = input.number ?? repo.last_number + 1;
  if (repo.issues.has(number)) throw new Error(`fake GitHub: ${repo.full_name}#${number} exists already`);
  repo.last_number = Math.max(repo.last_number, number);
  const created = input.created_at ?? store.timestamp();
  const state = input.state ?? 'open';
  const issue: Issue = {
    id: store.nextId('issue'),
    number,
    title: input.title,
    body: input.body ?? null,
    state,
    state_reason: input.state_reason ?? (state === 'closed' ? 'completed' : null),
    label_ids: resolveLabels(store, repo, input.labels ?? []),
    user: input.user,
    locked: input.locked ?? false,
    created_at: created,
    updated_at: input.updated_at ?? created,
    closed_at: state === 'closed' ? (input.updated_at ?? created) : null,
    pull_request: input.pull_request ?? null,
  };
  repo.issues.set(number, issue);
  return issue;
}

/** The issue, or GitHub's 404. */
export function requireIssue(repo: Repo, number: number): Issue {
  const issue = repo.issues.get(number);
  if (!issue) throw notFound();
  return issue;
}

export type IssuePatch = { title?: string; body?: string | null; state?: Issue['state']; state_reason?: StateReason | null; labels?: readonly string[] };

/**
 * Edits an issue as `PATCH /issues/:n` does: closing stamps `closed_at` and defaults the reason to
 * `completed`, reopening clears it and records `reopened`; `labels` replaces the set.
 */
export function updateIssue(store: Store, repo: Repo, issue: Issue, patch: IssuePatch): Issue {
  const now = store.timestamp();
  if (patch.title !== undefined) issue.title = patch.title;
  if (patch.body !== undefined) issue.body = patch.body;
  if (patch.labels !== undefined) issue.label_ids = resolveLabels(store, repo, patch.labels);
  if (patch.state === 'closed' && issue.state !== 'closed') {
    issue.state = 'closed';
    issue.closed_at = now;
    issue.state_reason = patch.state_reason ?? 'completed';
  } else if (patch.state === 'open' && issue.state !== 'open') {
    issue.state = 'open';
    issue.closed_at = null;
    issue.state_reason = patch.state_reason ?? 'reopened';
  } else if (patch.state_reason !== undefined) issue.state_reason = patch.state_reason;
  issue.updated_at = now;
  return issue;
}

export type IssueQuery = {
  state: 'open' | 'closed' | 'all';
  sort: 'created' | 'updated' | 'comments';
  direction: 'asc' | 'desc';
  since?: string;
  labels?: readonly string[];
  creator?: string;
};

/** Issues and pull requests of a repository, filtered and ordered as `GET /issues` does. */
export function listIssues(repo: Repo, query: IssueQuery): Issue[] {
  const since = query.since ? Date.parse(query.since) : undefined;
  const wanted = query.labels?.map((name) => name.toLowerCase()) ?? [];
  const names = (issue: Issue) =>
    issue.label_ids.map((id) => repo.labels.find((label) => label.id === id)?.name.toLowerCase());
  const key = (issue: Issue) =>
    query.sort === 'comments' ? countComments(repo, issue.number) : Date.parse(query.sort === 'updated' ? issue.updated_at : issue.created_at);
  const sign = query.direction === 'asc' ? 1 : -1;
  return [...repo.issues.values()]
    .filter((issue) => query.state === 'all' || issue.state === query.state)
    .filter((issue) => since === undefined || Date.parse(issue.updated_at) >= since)
    .filter((issue) => wanted.every((name) => names(issue).includes(name)))
    .filter((issue) => !query.creator || issue.user.login.toLowerCase() === query.creator.toLowerCase())
    .sort((a, b) => sign * (key(a) - key(b) || a.number - b.number));
}

/** How many comments an issue has (GitHub's `comments` field). */
export function countComments(repo: Repo, number: number): number {
  let count = 0;
  for (const comment of repo.comments.values()) if (comment.issue_number === number) count++;
  return count;
}
