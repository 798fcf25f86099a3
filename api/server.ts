import { describeDiscordBot, discordSettings } from '../bots/discord/discord-settings.ts';
import { describeGitHubBot, githubSettings } from '../bots/github/github-settings.ts';
import { loadConfig } from './env.ts';
import { startHub } from './hub/start-hub.ts';
import { createLogger } from './logger.ts';

/** `npm start`: the hub process. Human-readable notices go to stderr; stdout carries JSON logs. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.LOG_LEVEL });
  const hub = await startHub(config, logger);

  const lines = [
    '',
    'Agora is running.',
    `  Site           ${hub.url}/`,
    `  API            ${hub.url}/api/v1/`,
    `  API reference  ${hub.url}/api/docs`,
    `  OpenAPI        ${hub.url}/api/openapi.json`,
  ];
  const github = describeGitHubBot(githubSettings(config));
  lines.push('', `  GitHub webhook ${github.webhook}`, `  GitHub writes  ${github.writes}`, `  GitHub sync    ${github.reconciler}`);
  const discord = describeDiscordBot(discordSettings(config));
  lines.push(`  Discord in     ${discord.interactions}`, `  Discord out    ${discord.messages}`);
  if (hub.bootstrapToken)
    lines.push('', 'First start: an admin token was issued. It is shown only this once; store it now:', `  ${hub.bootstrapToken}`);
  process.stderr.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    hub.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Agora could not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
