import { randomBytes } from 'node:crypto';
import { DEFAULT_BRANCH } from './routes/contents.ts';
import { renderCheckRun, renderComment, renderIssue, renderLabel, renderStatus } from './render.ts';
import { listCheckRuns, listStatuses } from './store/checks.ts';
import { createComment, listComments, updateComment } from './store/comments.ts';
import { createDelivery, listDeliveries, type DeliveryInput } from './store/deliveries.ts';
import { createIssue, requireIssue, updateIssue, type IssueInput, type IssuePatch } from './store/issues.ts';
import { createLabel, labelsOf, type LabelInput } from './store/labels.ts';
import { ensureRepo, ensureUser } from './store/store.ts';
import type { HookDelivery, PullFile, PullRequest, Repo, User } from './store/types.ts';
import type { World } from './world.ts';

export type IssueJson = ReturnType<typeof renderIssue>;
export type CommentJson = ReturnType<typeof renderComment>;
export type LabelJson = ReturnType<typeof renderLabel>;
export type CheckRunJson = ReturnType<typeof renderCheckRun>;
export type StatusJson = ReturnType<typeof renderStatus>;

/** An issue as a test seeds it: the author by login (default `octocat`), labels by name. */
export type SeedIssue = Omit<IssueInput, 'user' | 'pull_request'> & { user?: string };
/** A pull request; a file with `content` can be read at the head commit through `GET /contents`. */
export type SeedPullRequest = SeedIssue &
  Partial<Omit<PullRequest, 'files'>> & { files?: (Partial<PullFile> & { filename: string; content?: string })[] };
export type SeedComment = { body: string; user?: string; created_at?: string; updated_at?: string };

const DEFAULT_AUTHOR = 'octocat';
const sha = () => randomBytes(20).toString('hex');

/** Seeding and reading the fake's state directly, without going through HTTP (or its faults). */
export function createStateAccess(world: World) {
  const { store } = world;
  const repoNamed = (fullName: string): Repo => {
    const repo = store.repos.get(fullName.toLowerCase());
    if (!repo) throw new Error(`fake GitHub: no repository ${fullName}; seed it first`);
    return repo;
  };
  const userNamed = (login: string | undefined): User => ensureUser(store, login ?? DEFAULT_AUTHOR);

  return {
    /** Creates `owner/repo` (seeding anything into a repository creates it too). */
    seedRepo: (fullName: string): void => void ensureRepo(store, fullName),
    /** Creates or updates a user, for `GET /users/:login`. */
    seedUser: (login: string, fields: Partial<Pick<User, 'type' | 'name'>> = {}): User => ensureUser(store, login, fields),
    seedIssue(fullName: string, input: SeedIssue): IssueJson {
      const repo = ensureRepo(store, fullName);
      return renderIssue(world.api, repo, createIssue(store, repo, { ...input, user: userNamed(input.user) }));
    },
    /** A pull request: an issue with a head commit (random unless given) and changed files. */
    seedPullRequest(fullName: string, input: SeedPullRequest): IssueJson {
      const repo = ensureRepo(store, fullName);
      const { head_sha, head_ref, base_ref, base_sha, draft, merged_at, files, ...issue } = input;
      const head = (head_sha ?? sha()).toLowerCase();
      for (const file of files ?? []) if (file.content !== undefined) repo.files.set(`${head}:${file.filename}`, file.content);
      const pull_request: PullRequest = {
        head_sha: head,
        head_ref: head_ref ?? `feature-${repo.last_number + 1}`,
        base_ref: base_ref ?? 'main',
        base_sha: base_sha ?? sha(),
        draft: draft ?? false,
        merged_at: merged_at ?? null,
        files: (files ?? []).map(({ content: _content, ...file }) => ({ sha: sha(), status: 'modified', additions: 0, deletions: 0, ...file })),
      };
      return renderIssue(world.api, repo, createIssue(store, repo, { ...issue, user: userNamed(input.user), pull_request }));
    },
    /**
     * A push to a pull request: its head moves to a new commit (random unless given) whose changed
     * files replace the old list; a file with `content` can be read at the new head. Returns the head sha.
     */
    pushToPullRequest(fullName: string, number: number, push: { head_sha?: string; files: SeedPullRequest['files'] & {} }): string {
      const repo = repoNamed(fullName);
      const pull = requireIssue(repo, number).pull_request;
      if (!pull) throw new Error(`fake GitHub: ${fullName}#${number} is not a pull request`);
      const head = (push.head_sha ?? sha()).toLowerCase();
      for (const file of push.files) if (file.content !== undefined) repo.files.set(`${head}:${file.filename}`, file.content);
      pull.head_sha = head;
      pull.files = push.files.map(({ content: _content, ...file }) => ({ sha: sha(), status: 'modified', additions: 0, deletions: 0, ...file }));
      return head;
    },
    seedComment(fullName: string, issueNumber: number, input: SeedComment): CommentJson {
      const repo = repoNamed(fullName);
      return renderComment(world.api, repo, createComment(store, repo, issueNumber, { ...input, user: userNamed(input.user) }));
    },
    /** A person edits or closes an issue on GitHub (updated_at moves on, as on GitHub). */
    editIssue(fullName: string, number: number, patch: IssuePatch & { labels?: string[] }): IssueJson {
      const repo = repoNamed(fullName);
      return renderIssue(world.api, repo, updateIssue(store, repo, requireIssue(repo, number), patch));
    },
    /** An admin deletes an issue (or a transfer takes it away): it and its comments are gone, and the API answers 404 for them. */
    deleteIssue(fullName: string, number: number): void {
      const repo = repoNamed(fullName);
      requireIssue(repo, number);
      repo.issues.delete(number);
      for (const [id, comment] of repo.comments) if (comment.issue_number === number) repo.comments.delete(id);
    },
    /** A person edits a comment on GitHub. */
    editComment(fullName: string, id: number, body: string): CommentJson {
      const repo = repoNamed(fullName);
      return renderComment(world.api, repo, updateComment(store, repo, id, body));
    },
    seedLabel(fullName: string, input: LabelInput): LabelJson {
      const repo = ensureRepo(store, fullName);
      return renderLabel(world.api, repo, createLabel(store, repo, input));
    },
    /** A file's text at `ref` (a branch, default `main`, or a commit SHA), for `GET /contents/:path`. */
    seedFile(fullName: string, path: string, text: string, ref = DEFAULT_BRANCH): void {
      ensureRepo(store, fullName).files.set(`${ref.toLowerCase()}:${path}`, text);
    },
    /** A webhook delivery of the app, listed by `GET /app/hook/deliveries`. */
    seedDelivery: (input: DeliveryInput): HookDelivery => createDelivery(store, input),

    /** The issue (or pull request) as `GET /issues/:n` would answer, or undefined. */
    issue(fullName: string, number: number): IssueJson | undefined {
      const repo = repoNamed(fullName);
      const issue = repo.issues.get(number);
      return issue && renderIssue(world.api, repo, issue);
    },
    /** An issue's comments, oldest first. */
    comments(fullName: string, number: number): CommentJson[] {
      const repo = repoNamed(fullName);
      return listComments(repo, { issueNumber: number }).map((comment) => renderComment(world.api, repo, comment));
    },
    /** The names of an issue's labels, in the order they were added. */
    labels(fullName: string, number: number): string[] {
      const repo = repoNamed(fullName);
      const issue = repo.issues.get(number);
      if (!issue) throw new Error(`fake GitHub: no issue ${fullName}#${number}`);
      return labelsOf(repo, issue).map((label) => label.name);
    },
    repoLabels(fullName: string): LabelJson[] {
      const repo = repoNamed(fullName);
      return repo.labels.map((label) => renderLabel(world.api, repo, label));
    },
    /** Every check run for a commit (all of them, newest first), or of the repository. */
    checkRuns(fullName: string, headSha?: string): CheckRunJson[] {
      const repo = repoNamed(fullName);
      const runs = headSha ? listCheckRuns(repo, headSha, { filter: 'all' }) : [...repo.check_runs.values()].reverse();
      return runs.map((run) => renderCheckRun(world.api, repo, run, world.app));
    },
    /** A commit's statuses, newest first. */
    statuses(fullName: string, commitSha: string): StatusJson[] {
      const repo = repoNamed(fullName);
      return listStatuses(repo, commitSha).map((status) => renderStatus(world.api, repo, status));
    },
    /** The app's webhook deliveries, newest first, redeliveries included. */
    deliveries: (): HookDelivery[] => listDeliveries(store),
  };
}
