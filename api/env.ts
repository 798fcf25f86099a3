import { z } from 'zod';

const optional = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** Settings of the hub (DESIGN.md, "Operations contract"). Read once at start-up, here only. */
export const envSchema = z.object({
  DATABASE_URL: z.string().trim().min(1).default('file:data/agora.db'),
  DATABASE_AUTH_TOKEN: optional,
  PORT: z.coerce.number({ error: 'expected a port number' }).int().min(0).max(65_535).default(8787),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url({ error: 'expected an absolute URL such as https://agora.example.eu' }).optional(),
  CONTENT_DIR: z.string().trim().min(1).default('content'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Where the built site is kept and served from. */
  SITE_OUT_DIR: z.string().trim().min(1).default('site/dist'),
  /** On a new hub, import the shipped sample collection and create demo data (marked as demo). */
  AGORA_DEMO: z.stringbool({ error: 'expected true or false' }).default(true),
  /** How often the decision clock closes votes and sends reminders. */
  DECISION_CLOCK_SECONDS: z.coerce.number({ error: 'expected a number of seconds' }).int().min(1).default(30),
  /** How often the hub checks whether the site is stale and rebuilds it; 0 = only at start. */
  SITE_REFRESH_SECONDS: z.coerce.number({ error: 'expected a number of seconds' }).int().min(0).default(300),
  /**
   * Scales every rate limit (api/http/rate-limits.ts): 10 allows ten times as much. For hubs whose
   * callers are bigger than the defaults, and load tests.
   */
  RATE_LIMIT_MULTIPLIER: z.coerce.number({ error: 'expected a number' }).positive('expected a number above 0').default(1),
  /** Skip building the documentation site at start-up (API only). */
  AGORA_SKIP_SITE: z.stringbool({ error: 'expected true or false' }).default(false),
  GITHUB_WEBHOOK_SECRET: optional,
  /** Secrets still accepted while the webhook's secret is rotated, comma-separated (the old one, until GitHub has the new). */
  GITHUB_WEBHOOK_SECRET_PREVIOUS: optional,
  GITHUB_TOKEN: optional,
  GITHUB_APP_ID: optional,
  GITHUB_PRIVATE_KEY: optional,
  GITHUB_REPOSITORY: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'expected owner/repo')
    .optional(),
  /**
   * Where the registry (`content/`) is reviewed: a passed policy change or membership vote opens a
   * pull request there. Defaults to GITHUB_REPOSITORY.
   */
  GITHUB_CONTENT_REPOSITORY: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'expected owner/repo')
    .optional(),
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  /** How often the reconciler (`github sync`) runs inside the hub; 0 = never on its own. */
  GITHUB_SYNC_MINUTES: z.coerce.number({ error: 'expected a number of minutes' }).min(0).default(10),
  /** Least time between two writes to GitHub (its secondary rate limits ask for about 1 s). Load tests lower it. */
  GITHUB_WRITE_INTERVAL_MS: z.coerce.number({ error: 'expected a number of milliseconds' }).int().min(0).default(1000),
  /** Unit of the waits between retries of GitHub calls (GitHub's Retry-After is in seconds). Tests lower it. */
  GITHUB_RETRY_BASE_MS: z.coerce.number({ error: 'expected a number of milliseconds' }).int().min(0).default(1000),
  DISCORD_PUBLIC_KEY: optional.refine((value) => value === undefined || /^[0-9a-f]{64}$/i.test(value), 'expected the application’s public key: 64 hex digits (Developer Portal → General Information)'),
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional,
  DISCORD_GUILD_ID: optional,
  DISCORD_CHANNEL_DECISIONS: optional,
  DISCORD_CHANNEL_ANNOUNCEMENTS: optional,
  DISCORD_API_URL: z.url().default('https://discord.com/api'),
  /**
   * How interactions reach the hub: `http` (Discord posts them to PUBLIC_URL/discord/interactions),
   * `gateway` (the bot connects to Discord's gateway; for hubs Discord cannot reach), or `auto`:
   * the gateway when DISCORD_TOKEN is set and PUBLIC_URL is not.
   */
  DISCORD_INTERACTIONS: z.enum(['auto', 'http', 'gateway']).default('auto'),
  /** Ballots within this time are one edit of the decision message (Discord rate-limits edits). */
  DISCORD_TALLY_DEBOUNCE_MS: z.coerce.number({ error: 'expected a number of milliseconds' }).int().min(0).default(2000),
  /** An interaction whose answer is not ready by then is deferred and finished by a follow-up (Discord allows 3 s). */
  DISCORD_DEFER_AFTER_MS: z.coerce.number({ error: 'expected a number of milliseconds' }).int().min(0).max(2500).default(1500),
});

export type Config = z.infer<typeof envSchema> & {
  PUBLIC_URL: string;
  /** PUBLIC_URL was set (not the localhost default): the outside world can reach the hub there. */
  PUBLIC_URL_SET: boolean;
};

/** Parses the environment; throws one readable error listing every bad setting. */
export function loadConfig(environment: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(environment);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const config = result.data;
  return { ...config, PUBLIC_URL: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`, PUBLIC_URL_SET: config.PUBLIC_URL !== undefined };
}
