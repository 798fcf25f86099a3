import type { Config } from '../env.ts';
import type { ServiceContext } from '../services/context.ts';

/** What every CLI command gets: parsed settings, a way to open the database, and output streams. */
export type CliContext = {
  config: Config;
  args: string[];
  /** Opens and migrates the configured database once; closed by the CLI when the command ends. */
  services(): Promise<ServiceContext>;
  out(line: string): void;
  err(line: string): void;
};

export type CliCommand = {
  /** Words that select the command, e.g. ['ledger', 'verify']. */
  name: string[];
  usage: string;
  summary: string;
  /** Returns the process exit code. */
  run(cli: CliContext): Promise<number>;
};

/** Exit codes: 0 done, 1 the command ran and found a problem, 2 the command line is wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
