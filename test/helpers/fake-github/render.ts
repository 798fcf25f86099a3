// GitHub's JSON for each entity, with the fields Octokit users read. URLs point at the fake (so a
// caller following `issue_url` reaches it); `html_url`s point at github.com, as they would.
import { countComments } from './store/issues.ts';
import { labelsOf } from './store/labels.ts';
import type { CheckRun, Comment, CommitStatus, HookDelivery, Issue, Label, PullFile, Repo, User } from './store/types.ts';
import type { AppInfo } from './world.ts';

const HTML = 'https://github.com';
const nodeId = (prefix: string, id: number) => `${prefix}_${Buffer.from(`0:${id}`).toString('base64url')}`;

export function renderUser(api: string, user: User) {
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId('U', user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: `${api}/users/${encodeURIComponent(user.login)}`,
    html_url: `${HTML}/${user.login}`,
    type: user.type,
    site_admin: false,
  };
}

/** `GET /users/:login` and `GET /user` add the profile to the summary. */
export function renderProfile(api: string, user: User) {
  return { ...renderUser(api, user), name: user.name, company: null, blog: '', location: null, email: null, bio: null, public_repos: 0, followers: 0, following: 0 };
}

export function renderRepo(api: string, repo: Repo) {
  return {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: repo.full_name,
    private: false,
    owner: renderUser(api, repo.owner),
    html_url: `${HTML}/${repo.full_name}`,
    url: `${api}/repos/${repo.full_name}`,
    default_branch: 'main',
    has_issues: true,
  };
}

export function renderLabel(api: string, repo: Repo, label: Label) {
  const { id, name, color, description } = label;
  return { id, node_id: nodeId('LA', id), url: `${api}/repos/${repo.full_name}/labels/${encodeURIComponent(name)}`, name, color, default: label.default, description };
}

export function renderIssue(api: string, repo: Repo, issue: Issue) {
  const url = `${api}/repos/${repo.full_name}/issues/${issue.number}`;
  const pull = issue.pull_request;
  return {
    id: issue.id,
    node_id: nodeId(pull ? 'PR' : 'I', issue.id),
    url,
    repository_url: `${api}/repos/${repo.full_name}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${HTML}/${repo.full_name}/${pull ? 'pull' : 'issues'}/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.state_reason,
    title: issue.title,
    body: issue.body,
    user: renderUser(api, issue.user),
    labels: labelsOf(repo, issue).map((label) => renderLabel(api, repo, label)),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: issue.locked,
    active_lock_reason: null,
    comments: countComments(repo, issue.number),
    ...(pull
      ? {
          draft: pull.draft,
          pull_request: {
            url: `${api}/repos/${repo.full_name}/pulls/${issue.number}`,
            html_url: `${HTML}/${repo.full_name}/pull/${issue.number}`,
            diff_url: `${HTML}/${repo.full_name}/pull/${issue.number}.diff`,
            patch_url: `${HTML}/${repo.full_name}/pull/${issue.number}.patch`,
            merged_at: pull.merged_at,
          },
        }
      : {}),
    closed_at: issue.closed_at,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    author_association: 'NONE',
  };
}

export function renderComment(api: string, repo: Repo, comment: Comment) {
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url: `${api}/repos/${repo.full_name}/issues/comments/${comment.id}`,
    html_url: `${HTML}/${repo.full_name}/issues/${comment.issue_number}#issuecomment-${comment.id}`,
    issue_url: `${api}/repos/${repo.full_name}/issues/${comment.issue_number}`,
    body: comment.body,
    user: renderUser(api, comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: 'NONE',
  };
}

export function renderPull(api: string, repo: Repo, issue: Issue & { pull_request: NonNullable<Issue['pull_request']> }) {
  const pull = issue.pull_request;
  const branch = (ref: string, sha: string) => ({ label: `${repo.owner.login}:${ref}`, ref, sha, user: renderUser(api, repo.owner), repo: renderRepo(api, repo) });
  const { comments, labels, user, state, title, body, created_at, updated_at, closed_at, number, locked } = renderIssue(api, repo, issue);
  return {
    url: `${api}/repos/${repo.full_name}/pulls/${number}`,
    id: issue.id,
    node_id: nodeId('PR', issue.id),
    html_url: `${HTML}/${repo.full_name}/pull/${number}`,
    issue_url: `${api}/repos/${repo.full_name}/issues/${number}`,
    number,
    state,
    locked,
    title,
    body,
    user,
    labels,
    comments,
    created_at,
    updated_at,
    closed_at,
    merged_at: pull.merged_at,
    merged: pull.merged_at !== null,
    mergeable: null,
    draft: pull.draft,
    head: branch(pull.head_ref, pull.head_sha),
    base: branch(pull.base_ref, pull.base_sha),
    additions: pull.files.reduce((sum, file) => sum + file.additions, 0),
    deletions: pull.files.reduce((sum, file) => sum + file.deletions, 0),
    changed_files: pull.files.length,
  };
}

export function renderFile(repo: Repo, headSha: string, file: PullFile) {
  const path = file.filename.split('/').map(encodeURIComponent).join('/');
  return {
    ...file,
    changes: file.additions + file.deletions,
    blob_url: `${HTML}/${repo.full_name}/blob/${headSha}/${path}`,
    raw_url: `${HTML}/${repo.full_name}/raw/${headSha}/${path}`,
    contents_url: `${HTML}/${repo.full_name}/contents/${path}?ref=${headSha}`,
  };
}

export function renderApp(api: string, app: AppInfo) {
  return {
    id: app.id,
    slug: app.slug,
    node_id: nodeId('A', app.id),
    client_id: app.clientId,
    owner: renderUser(api, app.owner),
    name: app.name,
    description: '',
    external_url: `${HTML}/apps/${app.slug}`,
    html_url: `${HTML}/apps/${app.slug}`,
    permissions: { checks: 'write', issues: 'write', metadata: 'read', pull_requests: 'read', statuses: 'write' },
    events: ['issues', 'issue_comment', 'pull_request', 'check_run'],
  };
}

export function renderInstallation(api: string, app: AppInfo) {
  return {
    id: app.installationId,
    account: renderUser(api, app.owner),
    app_id: app.id,
    app_slug: app.slug,
    target_id: app.owner.id,
    target_type: app.owner.type,
    repository_selection: 'all',
    access_tokens_url: `${api}/app/installations/${app.installationId}/access_tokens`,
    repositories_url: `${api}/installation/repositories`,
    html_url: `${HTML}/organizations/${app.owner.login}/settings/installations/${app.installationId}`,
    permissions: renderApp(api, app).permissions,
    events: renderApp(api, app).events,
    suspended_at: null,
  };
}

export function renderCheckRun(api: string, repo: Repo, run: CheckRun, app: AppInfo) {
  const url = `${api}/repos/${repo.full_name}/check-runs/${run.id}`;
  return {
    ...run,
    node_id: nodeId('CR', run.id),
    url,
    html_url: `${HTML}/${repo.full_name}/runs/${run.id}`,
    output: { ...run.output, annotations_count: 0, annotations_url: `${url}/annotations` },
    check_suite: { id: run.id },
    app: renderApp(api, app),
    pull_requests: [],
  };
}

export function renderStatus(api: string, repo: Repo, status: CommitStatus) {
  const { sha: _sha, creator, ...fields } = status;
  return { ...fields, url: `${api}/repos/${repo.full_name}/statuses/${status.sha}`, node_id: nodeId('SC', status.id), avatar_url: null, creator: renderUser(api, creator) };
}

/** The list entry; `GET /app/hook/deliveries/:id` adds `request` and `response`. */
export function renderDelivery(delivery: HookDelivery) {
  const { payload: _payload, ...entry } = delivery;
  return entry;
}
