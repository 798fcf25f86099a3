import { GitHubError, notFound, validationFailed } from '../github-error.ts';
import type { Store } from './store.ts';
import type { CheckOutput, CheckRun, CommitStatus, Repo, User } from './types.ts';

const SHA = /^[0-9a-f]{40}$/i;

/** GitHub knows only commits that exist; the fake treats every full 40-hex SHA as one. */
export function requireSha(sha: string): string {
  if (!SHA.test(sha)) throw new GitHubError(422, `No commit found for SHA: ${sha}`);
  return sha.toLowerCase();
}

export type CheckRunInput = Partial<Omit<CheckRun, 'id' | 'output'>> & { output?: Partial<CheckOutput> };

/** Creates a check run; a conclusion implies `completed`, and `completed` needs a conclusion. */
export function createCheckRun(store: Store, repo: Repo, input: CheckRunInput & { name: string; head_sha: string }): CheckRun {
  const run: CheckRun = {
    id: store.nextId('check'),
    name: input.name,
    head_sha: requireSha(input.head_sha),
    status: 'queued',
    conclusion: null,
    started_at: store.timestamp(),
    completed_at: null,
    output: { title: null, summary: null, text: null },
    details_url: null,
    external_id: null,
  };
  applyCheckRun(store, run, input);
  repo.check_runs.set(run.id, run);
  return run;
}

/** The check run, or GitHub's 404. */
export function requireCheckRun(repo: Repo, id: number): CheckRun {
  const run = repo.check_runs.get(id);
  if (!run) throw notFound();
  return run;
}

/** Updates a check run in place, with the same rules as creating one. */
export function updateCheckRun(store: Store, repo: Repo, id: number, input: CheckRunInput): CheckRun {
  const run = requireCheckRun(repo, id);
  applyCheckRun(store, run, input);
  return run;
}

function applyCheckRun(store: Store, run: CheckRun, input: CheckRunInput): void {
  const { output, head_sha: _sha, ...fields } = input;
  const status = input.conclusion ? 'completed' : (input.status ?? run.status);
  if (status === 'completed' && !(input.conclusion ?? run.conclusion))
    throw validationFailed({ resource: 'CheckRun', code: 'missing_field', field: 'conclusion' });
  const given = Object.entries(fields).filter(([, value]) => value !== undefined);
  Object.assign(run, Object.fromEntries(given), { status });
  if (output) run.output = { ...run.output, ...output };
  if (status === 'completed' && !run.completed_at) run.completed_at = input.completed_at ?? store.timestamp();
}

/**
 * Check runs for a commit; `latest` (GitHub's default filter) keeps the newest run of each name.
 */
export function listCheckRuns(repo: Repo, sha: string, query: { check_name?: string; status?: string; filter?: 'latest' | 'all' }): CheckRun[] {
  const runs = [...repo.check_runs.values()]
    .filter((run) => run.head_sha === sha.toLowerCase())
    .filter((run) => !query.check_name || run.name === query.check_name)
    .filter((run) => !query.status || run.status === query.status)
    .sort((a, b) => b.id - a.id);
  if (query.filter === 'all') return runs;
  const seen = new Set<string>();
  return runs.filter((run) => !seen.has(run.name) && seen.add(run.name));
}

/** GitHub refuses status descriptions longer than this. */
export const MAX_STATUS_DESCRIPTION = 140;

/** Records a commit status; `context` defaults to `default`, as on GitHub. */
export function createStatus(
  store: Store,
  repo: Repo,
  sha: string,
  input: Pick<CommitStatus, 'state'> & Partial<Pick<CommitStatus, 'context' | 'description' | 'target_url'>>,
  creator: User,
): CommitStatus {
  if (input.description && input.description.length > MAX_STATUS_DESCRIPTION)
    throw validationFailed({
      resource: 'Status',
      code: 'custom',
      field: 'description',
      message: `description is too long (maximum is ${MAX_STATUS_DESCRIPTION} characters)`,
    });
  const now = store.timestamp();
  const status: CommitStatus = {
    id: store.nextId('status'),
    sha: requireSha(sha),
    state: input.state,
    context: input.context ?? 'default',
    description: input.description ?? null,
    target_url: input.target_url ?? null,
    creator,
    created_at: now,
    updated_at: now,
  };
  repo.statuses.push(status);
  return status;
}

/** A commit's statuses, newest first. */
export function listStatuses(repo: Repo, sha: string): CommitStatus[] {
  return repo.statuses.filter((status) => status.sha === sha.toLowerCase()).reverse();
}

/** GitHub's combined state: any failure or error fails, any pending (or none) is pending. */
export function combineStatuses(latest: readonly CommitStatus[]): CommitStatus['state'] {
  if (latest.some((status) => status.state === 'error' || status.state === 'failure')) return 'failure';
  if (latest.length === 0 || latest.some((status) => status.state === 'pending')) return 'pending';
  return 'success';
}
