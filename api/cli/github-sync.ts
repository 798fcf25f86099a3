import { parseArgs } from 'node:util';
import { githubSettings } from '../../bots/github/github-settings.ts';
import { startGitHubBot } from '../../bots/github/start-github-bot.ts';
import { GITHUB_CHANNEL } from '../../bots/github/sync/github-messages.ts';
import { createOutboxDeliverer } from '../../bots/notify/outbox-deliverer.ts';
import { createLogger } from '../logger.ts';
import { EXIT, type CliCommand } from './command.ts';

const USAGE = 'github sync [--dry-run]';

/**
 * `agora github sync`: catches up with GitHub (bots/github/reconciler.ts) — the issues and
 * comments changed since the last sync that no webhook brought, applied once through the same
 * queue as webhooks, then what they change is sent back to GitHub. As a GitHub App it also asks
 * for failed deliveries to be redelivered. `--dry-run` lists what it would apply and changes nothing.
 * Safe beside a running hub: each effect is recorded once, whichever process applies it.
 */
export const githubSyncCommand: CliCommand = {
  name: ['github', 'sync'],
  usage: USAGE,
  summary: 'apply what GitHub webhooks missed since the last sync (--dry-run: only list it)',
  async run(cli) {
    const { values, positionals } = parseArgs({ args: cli.args, allowPositionals: true, options: { 'dry-run': { type: 'boolean', default: false } } });
    if (positionals.length > 0) {
      cli.err(`Unexpected argument: ${positionals.join(' ')}\nUsage: npm run agora -- ${USAGE}`);
      return EXIT.usage;
    }
    const settings = { ...githubSettings(cli.config), syncMinutes: 0 };
    if (!settings.auth || !settings.repository) {
      cli.err('github sync needs GITHUB_REPOSITORY and GitHub credentials (GITHUB_TOKEN, or GITHUB_APP_ID + GITHUB_PRIVATE_KEY).');
      return EXIT.usage;
    }
    const services = await cli.services();
    const logger = createLogger({ level: cli.config.LOG_LEVEL === 'info' ? 'warn' : cli.config.LOG_LEVEL });
    const bot = startGitHubBot({ services, settings, logger, kickOutbox: () => undefined, background: false });
    const dryRun = values['dry-run'];
    const outbox = dryRun ? null : createOutboxDeliverer({ services, channels: bot.channel ? { [GITHUB_CHANNEL]: bot.channel } : {}, logger });
    try {
      const report = (await bot.sync({ dryRun }))!;
      cli.out(`${dryRun ? 'Dry run: would apply' : 'Caught up'} ${report.caughtUp.length} change(s) on ${settings.repository} (${report.issuesSeen} issue(s) and ${report.commentsSeen} comment(s) updated since ${report.since ?? 'the beginning'}).`);
      for (const id of report.caughtUp) cli.out(`  ${id}`);
      if (report.redeliveriesAsked.length) cli.out(`${dryRun ? 'Would ask' : 'Asked'} GitHub to redeliver ${report.redeliveriesAsked.length} failed delivery(ies): ${report.redeliveriesAsked.join(', ')}`);
      if (outbox) {
        await bot.queue.applyQueued();
        await bot.feed.consume();
        await outbox.deliverDue();
      }
      return EXIT.ok;
    } finally {
      await bot.stop();
      await outbox?.stop();
    }
  },
};
