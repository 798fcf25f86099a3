import { startHub } from '../hub/start-hub.ts';
import { createLogger } from '../logger.ts';
import { EXIT, type CliCommand } from './command.ts';

export const migrateCommand: CliCommand = {
  name: ['migrate'],
  usage: 'migrate',
  summary: 'apply database migrations (start-up does this too)',
  async run(cli) {
    await cli.services();
    cli.out(`Database ${cli.config.DATABASE_URL} is migrated.`);
    return EXIT.ok;
  },
};

export const serveCommand: CliCommand = {
  name: ['serve'],
  usage: 'serve',
  summary: 'start the hub (same as npm start)',
  async run(cli) {
    const hub = await startHub(cli.config, createLogger({ level: cli.config.LOG_LEVEL }));
    cli.err(`Agora is running at ${hub.url}/ (Ctrl+C to stop).`);
    if (hub.bootstrapToken) cli.err(`First start: admin token, shown only this once:\n  ${hub.bootstrapToken}`);
    await new Promise<void>((resolve) => {
      process.once('SIGTERM', resolve);
      process.once('SIGINT', resolve);
    });
    await hub.close();
    return EXIT.ok;
  },
};
