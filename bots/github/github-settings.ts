import type { Config } from '../../api/env.ts';
import type { GitHubAuth } from './octokit.ts';
import type { WebhookSecrets } from './webhook-route.ts';

export type GitHubSettings = {
  secrets: WebhookSecrets | null;
  auth: GitHubAuth | null;
  repository: string | null;
  /** Where content/ is reviewed: decision pull requests go there. */
  contentRepository: string | null;
  apiUrl: string;
  publicUrl: string;
  syncMinutes: number;
  writeIntervalMs: number;
  retryBaseMs: number;
};

/** The bot's settings from the hub's configuration; what is missing turns a part off, never the hub. */
export function githubSettings(config: Config): GitHubSettings {
  const previous = (config.GITHUB_WEBHOOK_SECRET_PREVIOUS ?? '').split(',').map((secret) => secret.trim()).filter(Boolean);
  const auth: GitHubAuth | null = config.GITHUB_APP_ID && config.GITHUB_PRIVATE_KEY
    ? { kind: 'app', appId: config.GITHUB_APP_ID, privateKey: config.GITHUB_PRIVATE_KEY.replaceAll('\\n', '\n') }
    : config.GITHUB_TOKEN
      ? { kind: 'token', token: config.GITHUB_TOKEN }
      : null;
  return {
    secrets: config.GITHUB_WEBHOOK_SECRET ? { current: config.GITHUB_WEBHOOK_SECRET, previous } : null,
    auth,
    repository: config.GITHUB_REPOSITORY ?? null,
    contentRepository: config.GITHUB_CONTENT_REPOSITORY ?? config.GITHUB_REPOSITORY ?? null,
    apiUrl: config.GITHUB_API_URL,
    publicUrl: config.PUBLIC_URL.replace(/\/+$/, ''),
    syncMinutes: config.GITHUB_SYNC_MINUTES,
    writeIntervalMs: config.GITHUB_WRITE_INTERVAL_MS,
    retryBaseMs: config.GITHUB_RETRY_BASE_MS,
  };
}

/** What `npm start` says about the bot: on, or off and why. */
export function describeGitHubBot(settings: GitHubSettings): { webhook: string; writes: string; reconciler: string } {
  return {
    webhook: settings.secrets ? `on: POST /webhooks/github${settings.secrets.previous.length ? ` (also accepting ${settings.secrets.previous.length} previous secret(s))` : ''}` : 'off: GITHUB_WEBHOOK_SECRET is unset (the endpoint answers 503)',
    writes: !settings.auth
      ? 'off: neither GITHUB_TOKEN nor GITHUB_APP_ID + GITHUB_PRIVATE_KEY is set (labels and comments wait in the outbox)'
      : `on as ${settings.auth.kind === 'app' ? `GitHub App ${settings.auth.appId}` : 'a token'} against ${settings.apiUrl}`,
    reconciler: !settings.auth || !settings.repository
      ? 'off: needs GitHub credentials and GITHUB_REPOSITORY'
      : settings.syncMinutes > 0 ? `every ${settings.syncMinutes} min on ${settings.repository}` : 'off: GITHUB_SYNC_MINUTES=0 (run `npm run agora -- github sync`)',
  };
}
