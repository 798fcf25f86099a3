import { migrateDatabase, openDatabase, type DatabaseHandle } from '../db/index.ts';
import { EXIT, type CliCommand, type CliContext } from './cli/command.ts';
import { importCollectionCommand } from './cli/import-collection.ts';
import { demoCommand } from './cli/demo.ts';
import { tallyVerifyCommand } from './cli/tally.ts';
import { exportCardCommand } from './cli/export-card.ts';
import { githubFormsCommand } from './cli/github-forms.ts';
import { githubSyncCommand } from './cli/github-sync.ts';
import { discordRegisterCommandsCommand } from './cli/discord-register-commands.ts';
import { ledgerExportCommand, ledgerVerifyCommand } from './cli/ledger.ts';
import { migrateCommand, serveCommand } from './cli/misc.ts';
import { opennessCommand } from './cli/openness.ts';
import { siteBuildCommand } from './cli/site.ts';
import { syncCommand } from './cli/sync.ts';
import { tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './cli/token.ts';
import { loadConfig } from './env.ts';
import type { ServiceContext } from './services/context.ts';
import { isAppError } from './services/errors.ts';

const COMMANDS: CliCommand[] = [
  serveCommand,
  migrateCommand,
  syncCommand,
  importCollectionCommand,
  tokenCreateCommand,
  tokenListCommand,
  tokenRevokeCommand,
  ledgerVerifyCommand,
  ledgerExportCommand,
  siteBuildCommand,
  demoCommand,
  opennessCommand,
  exportCardCommand,
  tallyVerifyCommand,
  githubFormsCommand,
  githubSyncCommand,
  discordRegisterCommandsCommand,
];

function help(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.join(' ').length));
  return [
    'Usage: npm run agora -- <command> [options]',
    '',
    ...COMMANDS.map((command) => `  ${command.name.join(' ').padEnd(width)}  ${command.summary}`),
    '',
    'Settings come from the environment (DATABASE_URL, CONTENT_DIR, ...); see .env.example.',
  ].join('\n');
}

/** `agora`: finds the command named by the leading words and runs it; returns the exit code. */
export type CliIo = { out(line: string): void; err(line: string): void };

export async function runCli(argv: string[], environment: Record<string, string | undefined>, io: CliIo = defaultIo()): Promise<number> {
  const command = COMMANDS.filter((candidate) => candidate.name.every((word, index) => argv[index] === word)).sort(
    (a, b) => b.name.length - a.name.length,
  )[0];
  if (!command) {
    if (argv.length > 0 && !['help', '--help', '-h'].includes(argv[0]!)) io.err(`Unknown command: ${argv.join(' ')}\n`);
    io.err(help());
    return argv.length === 0 || ['help', '--help', '-h'].includes(argv[0]!) ? EXIT.ok : EXIT.usage;
  }

  let database: DatabaseHandle | undefined;
  let services: ServiceContext | undefined;
  try {
    const config = loadConfig(environment);
    const cli: CliContext = {
      config,
      args: argv.slice(command.name.length),
      async services() {
        if (services) return services;
        database = await openDatabase({ url: config.DATABASE_URL, authToken: config.DATABASE_AUTH_TOKEN });
        await migrateDatabase(database);
        services = { database, clock: () => new Date() };
        return services;
      },
      out: io.out,
      err: io.err,
    };
    return await command.run(cli);
  } catch (error) {
    if (isAppError(error)) {
      io.err(`${command.name.join(' ')}: ${error.message}`);
      return EXIT.failed;
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${error.message}\nUsage: npm run agora -- ${command.usage}`);
      return EXIT.usage;
    }
    if (error instanceof Error && error.message.startsWith('Invalid configuration')) {
      io.err(error.message);
      return EXIT.usage;
    }
    throw error;
  } finally {
    database?.close();
  }
}

function defaultIo(): CliIo {
  return {
    out: (line) => void process.stdout.write(`${line}\n`),
    err: (line) => void process.stderr.write(`${line}\n`),
  };
}

if (import.meta.main) {
  runCli(process.argv.slice(2), process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
