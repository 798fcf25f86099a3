import { notFound, validationFailed } from '../github-error.ts';
import { requireIssue } from './issues.ts';
import type { Store } from './store.ts';
import type { Comment, Repo, User } from './types.ts';

/** GitHub refuses comment bodies longer than this. */
export const MAX_COMMENT_LENGTH = 65_536;

export type CommentInput = { body: string; user: User; created_at?: string; updated_at?: string };

/** Comments on an issue, and the issue's `updated_at` moves with it, as on GitHub. */
export function createComment(store: Store, repo: Repo, issueNumber: number, input: CommentInput): Comment {
  const issue = requireIssue(repo, issueNumber);
  checkBody(input.body);
  const created = input.created_at ?? store.timestamp();
  const comment: Comment = {
    id: store.nextId('comment'),
    issue_number: issueNumber,
    body: input.body,
    user: input.user,
    created_at: created,
    updated_at: input.updated_at ?? created,
  };
  repo.comments.set(comment.id, comment);
  if (Date.parse(comment.updated_at) > Date.parse(issue.updated_at)) issue.updated_at = comment.updated_at;
  return comment;
}

/** The comment, or GitHub's 404. */
export function requireComment(repo: Repo, id: number): Comment {
  const comment = repo.comments.get(id);
  if (!comment) throw notFound();
  return comment;
}

/** Replaces a comment's body. */
export function updateComment(store: Store, repo: Repo, id: number, body: string): Comment {
  const comment = requireComment(repo, id);
  checkBody(body);
  comment.body = body;
  comment.updated_at = store.timestamp();
  return comment;
}

/** Deletes a comment. */
export function deleteComment(repo: Repo, id: number): void {
  requireComment(repo, id);
  repo.comments.delete(id);
}

export type CommentQuery = { issueNumber?: number; since?: string; sort?: 'created' | 'updated'; direction?: 'asc' | 'desc' };

/**
 * Comments of one issue (oldest first) or of the whole repository (by `sort`, ascending unless
 * told otherwise); `since` keeps those updated at or after the instant.
 */
export function listComments(repo: Repo, query: CommentQuery): Comment[] {
  const since = query.since ? Date.parse(query.since) : undefined;
  const sign = query.direction === 'desc' ? -1 : 1;
  const key = (comment: Comment) => Date.parse(query.sort === 'updated' ? comment.updated_at : comment.created_at);
  return [...repo.comments.values()]
    .filter((comment) => query.issueNumber === undefined || comment.issue_number === query.issueNumber)
    .filter((comment) => since === undefined || Date.parse(comment.updated_at) >= since)
    .sort((a, b) => sign * (key(a) - key(b) || a.id - b.id));
}

function checkBody(body: string): void {
  if (body.length === 0) throw validationFailed({ resource: 'IssueComment', code: 'missing_field', field: 'body' });
  if (body.length > MAX_COMMENT_LENGTH)
    throw validationFailed({
      resource: 'IssueComment',
      code: 'custom',
      field: 'body',
      message: `body is too long (maximum is ${MAX_COMMENT_LENGTH} characters)`,
    });
}
