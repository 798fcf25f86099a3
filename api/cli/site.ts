import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { buildRegistrySnapshot } from '../services/registry-snapshot.ts';
import { buildSite } from '../site/build-site.ts';
import { EXIT, type CliCommand } from './command.ts';

export const siteBuildCommand: CliCommand = {
  name: ['site', 'build'],
  usage: 'site build [--out DIR]',
  summary: 'build the static site from the database (the server does this when the site is stale)',
  async run(cli) {
    const { values } = parseArgs({ args: cli.args, options: { out: { type: 'string' } } });
    const snapshot = await buildRegistrySnapshot(await cli.services());
    const outDir = resolve(values.out ?? cli.config.SITE_OUT_DIR);
    const result = await buildSite({ snapshot, outDir, log: (line) => cli.err(line) });
    cli.out(`Site built into ${outDir} in ${(result.durationMs / 1000).toFixed(1)} s.`);
    return EXIT.ok;
  },
};
