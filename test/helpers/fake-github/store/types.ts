// Entities as the fake keeps them. Field names follow GitHub's JSON so that seeds read like the
// payloads test authors already know; rendering (render.ts) adds the URLs and derived fields.

export const USER_TYPES = ['User', 'Bot', 'Organization'] as const;
export type User = { login: string; id: number; type: (typeof USER_TYPES)[number]; name: string | null };

export type Label = { id: number; name: string; color: string; description: string | null; default: boolean };

export const ISSUE_STATES = ['open', 'closed'] as const;
export const STATE_REASONS = ['completed', 'not_planned', 'reopened', 'duplicate'] as const;
export type StateReason = (typeof STATE_REASONS)[number];

export const FILE_STATUSES = ['added', 'removed', 'modified', 'renamed', 'copied', 'changed', 'unchanged'] as const;
export type PullFile = {
  sha: string;
  filename: string;
  status: (typeof FILE_STATUSES)[number];
  additions: number;
  deletions: number;
  patch?: string;
  previous_filename?: string;
};

/** What makes an issue a pull request; GitHub numbers both from one sequence. */
export type PullRequest = { head_sha: string; head_ref: string; base_ref: string; base_sha: string; draft: boolean; merged_at: string | null; files: PullFile[] };

export type Issue = {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: (typeof ISSUE_STATES)[number];
  state_reason: StateReason | null;
  /** Ids of repository labels, so a renamed label is renamed on every issue, as on GitHub. */
  label_ids: number[];
  user: User;
  locked: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  pull_request: PullRequest | null;
};

export type Comment = { id: number; issue_number: number; body: string; user: User; created_at: string; updated_at: string };

export const CHECK_STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'] as const;
export const CHECK_CONCLUSIONS = ['action_required', 'cancelled', 'failure', 'neutral', 'success', 'skipped', 'stale', 'timed_out'] as const;
export type CheckOutput = { title: string | null; summary: string | null; text: string | null };
export type CheckRun = {
  id: number;
  name: string;
  head_sha: string;
  status: (typeof CHECK_STATUSES)[number];
  conclusion: (typeof CHECK_CONCLUSIONS)[number] | null;
  started_at: string | null;
  completed_at: string | null;
  output: CheckOutput;
  details_url: string | null;
  external_id: string | null;
};

export const STATUS_STATES = ['error', 'failure', 'pending', 'success'] as const;
export type CommitStatus = {
  id: number;
  sha: string;
  state: (typeof STATUS_STATES)[number];
  context: string;
  description: string | null;
  target_url: string | null;
  creator: User;
  created_at: string;
  updated_at: string;
};

export type Repo = {
  id: number;
  owner: User;
  name: string;
  full_name: string;
  issues: Map<number, Issue>;
  comments: Map<number, Comment>;
  labels: Label[];
  check_runs: Map<number, CheckRun>;
  statuses: CommitStatus[];
  /** File texts by `ref:path`; a ref is a branch name or a commit SHA. */
  files: Map<string, string>;
  /** Branches and the commit each points at (`main` from the start). */
  branches: Map<string, string>;
  last_number: number;
};

/** One entry of `GET /app/hook/deliveries`, plus what `GET /app/hook/deliveries/:id` adds. */
export type HookDelivery = {
  id: number;
  guid: string;
  delivered_at: string;
  redelivery: boolean;
  duration: number;
  status: string;
  status_code: number;
  event: string;
  action: string | null;
  installation_id: number | null;
  repository_id: number | null;
  throttled_at: string | null;
  payload: unknown;
};
