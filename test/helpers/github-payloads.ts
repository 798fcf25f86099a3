import { templateOf } from '../../bots/github/issue-forms/parse-issue-form.ts';
import { renderIssueBody, type FilledForm } from '../../bots/github/issue-forms/render-issue-body.ts';
import type { FormKind } from '../../bots/github/issue-forms/index.ts';
import { fixture, REPOSITORY } from './github-hub.ts';

const PUBLIC_CHECK = 'I understand that this issue is public, and I have written nothing confidential and no personal data in it.';

/** The body GitHub writes for a dataset nomination filed with the generated form. */
export function datasetBody(answers: FilledForm = {}): string {
  return renderIssueBody(templateOf('dataset'), {
    name: 'Finnish parliament corpus',
    url: 'https://example.org/datasets/fi-parliament',
    licence: 'CC-BY-4.0',
    languages: 'fin, swe',
    estimated_tokens: '1,200,000',
    public_issue: [PUBLIC_CHECK],
    ...answers,
  });
}

export function formBody(kind: FormKind, answers: FilledForm): string {
  return renderIssueBody(templateOf(kind), { public_issue: [PUBLIC_CHECK], ...answers });
}

type User = { login: string; id: number };
const user = (who: User) => ({ ...fixture('issues.opened').issue.user, login: who.login, id: who.id, type: 'User' });
const repository = () => ({ ...fixture('issues.opened').repository, full_name: REPOSITORY, name: REPOSITORY.split('/')[1], owner: { login: REPOSITORY.split('/')[0] } });

/** An `issues.<action>` payload from the recorded fixture, about our repository. */
export function issuePayload(action: string, issue: { number: number; title?: string; body: string; author: User; labels?: string[]; updatedAt?: string; state?: 'open' | 'closed' }, sender: User = issue.author) {
  const base = fixture('issues.opened');
  return {
    ...base,
    action,
    issue: {
      ...base.issue,
      id: 9_000_000 + issue.number,
      number: issue.number,
      title: issue.title ?? `Request ${issue.number}`,
      body: issue.body,
      user: user(issue.author),
      labels: (issue.labels ?? []).map((name, index) => ({ id: index + 1, name, color: 'ededed', default: false, description: null })),
      state: issue.state ?? 'open',
      updated_at: issue.updatedAt ?? '2026-12-01T10:00:00Z',
      html_url: `https://github.com/${REPOSITORY}/issues/${issue.number}`,
    },
    repository: repository(),
    sender: user(sender),
  };
}

/** An `issue_comment.<action>` payload from the recorded fixture. */
export function commentPayload(action: 'created' | 'edited' | 'deleted', comment: { id: number; issue: number; body: string; author: User; updatedAt?: string }) {
  const base = fixture('issue_comment.created');
  const at = comment.updatedAt ?? '2026-12-01T11:00:00Z';
  return {
    ...base,
    action,
    issue: { ...base.issue, number: comment.issue, id: 9_000_000 + comment.issue },
    comment: { ...base.comment, id: comment.id, body: comment.body, user: user(comment.author), created_at: '2026-12-01T11:00:00Z', updated_at: at },
    repository: repository(),
    sender: user(comment.author),
  };
}

/** A payload about an issue as the fake GitHub holds it (seed it there first, as if a person had opened it). */
export function aboutIssue(action: string, issue: { number: number; user: { login: string; id: number } | null } & Record<string, unknown>, sender = issue.user, extra: Record<string, unknown> = {}) {
  return { ...fixture('issues.opened'), action, issue, repository: repository(), sender: { ...sender, type: 'User' }, ...extra };
}

/** A comment event as GitHub sends it after the fake created the comment. */
export function aboutComment(action: 'created' | 'edited' | 'deleted', issue: { number: number } & Record<string, unknown>, comment: { id: number; user: { login: string; id: number } | null } & Record<string, unknown>) {
  return { ...fixture('issue_comment.created'), action, issue, comment, repository: repository(), sender: { ...comment.user, type: 'User' } };
}

/** A `pull_request.<action>` payload from the recorded fixture, for a pull request seeded on the fake. */
export function aboutPullRequest(action: 'opened' | 'synchronize' | 'reopened' | 'closed', pull: { number: number; headSha: string; user?: { login: string; id: number } }) {
  const base = fixture('pull_request.opened');
  const sender = pull.user ? { ...base.sender, login: pull.user.login, id: pull.user.id } : base.sender;
  return {
    ...base,
    action,
    number: pull.number,
    pull_request: { ...base.pull_request, number: pull.number, state: action === 'closed' ? 'closed' : 'open', head: { ...base.pull_request.head, sha: pull.headSha }, user: sender },
    repository: repository(),
    sender,
  };
}
