import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { canonicalJson } from '../domain/ledger/canonical-json.ts';
import { listEvents, verifyLedger } from '../services/ledger.ts';
import { EXIT, type CliCommand } from './command.ts';

export const ledgerVerifyCommand: CliCommand = {
  name: ['ledger', 'verify'],
  usage: 'ledger verify',
  summary: 'recompute the hash chain and name the first bad entry',
  async run(cli) {
    const check = await verifyLedger(await cli.services());
    if (check.ok) {
      cli.out(`Ledger intact: ${check.checked} entries${check.head ? `, head #${check.head.seq} ${check.head.hash}` : ''}.`);
      return EXIT.ok;
    }
    cli.err(`Ledger broken at entry #${check.firstBad.seq} (${check.firstBad.problem}): ${check.firstBad.message}.`);
    cli.err(`  ${check.checked} entries before it verified.`);
    return EXIT.failed;
  },
};

export const ledgerExportCommand: CliCommand = {
  name: ['ledger', 'export'],
  usage: 'ledger export [--out FILE] [--after SEQ]',
  summary: 'write the ledger as JSON Lines (stdout by default), one canonical entry per line',
  async run(cli) {
    const { values } = parseArgs({ args: cli.args, options: { out: { type: 'string' }, after: { type: 'string', default: '0' } } });
    const services = await cli.services();
    const file = values.out ? createWriteStream(values.out) : null;
    const write = async (line: string) => {
      if (!file) return cli.out(line);
      if (!file.write(`${line}\n`)) await once(file, 'drain');
    };
    let after = Number(values.after);
    let count = 0;
    for (;;) {
      const page = await listEvents(services, { after, limit: 1000 });
      for (const entry of page.items) await write(canonicalJson(entry));
      count += page.items.length;
      if (!page.next) break;
      after = Number(page.next);
    }
    if (file) {
      file.end();
      await once(file, 'finish');
      cli.err(`${count} entries written to ${values.out}.`);
    }
    return EXIT.ok;
  },
};
