/** What the GitHub channel of the outbox delivers (bots/github/sync/deliver-to-github.ts). */
export type GitHubMessage =
  /** The one status comment of an issue, found by its marker and edited in place. */
  | { op: 'status'; repository: string; number: number; body: string }
  /** A comment the bot posts once (a reply to commands, an outcome), found again by its marker. */
  | { op: 'comment'; repository: string; number: number; marker: string; body: string }
  /** The labels in the bot's namespace; labels outside it are left alone. */
  | { op: 'labels'; repository: string; number: number; labels: string[] }
  | { op: 'state'; repository: string; number: number; state: 'open' | 'closed'; reason: 'completed' | 'not_planned' | null }
  /** A check run on a pull request's head commit (a commit status where check runs are refused). */
  | { op: 'check'; repository: string; sha: string; name: string; conclusion: 'success' | 'failure' | 'neutral'; title: string; summary: string; text: string }
  /** A passed policy change or membership: a branch with the decision's record under content/, and a pull request to review the change on it. */
  | { op: 'decision_pr'; repository: string; branch: string; path: string; content: string; title: string; body: string };

export const GITHUB_CHANNEL = 'github';
