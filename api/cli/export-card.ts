import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { CARD_EXPORT_FORMATS, exportModelCard, isCardExportFormat } from '../services/model-cards/card-exports.ts';
import { EXIT, type CliCommand } from './command.ts';

const USAGE = `export card MODEL_ID --format FORMAT [--out FILE]   (FORMAT: ${CARD_EXPORT_FORMATS.join(', ')})`;

/**
 * `agora export card MODEL_ID --format FORMAT [--out FILE]`: one export of a synced model card, the
 * same bytes the API serves, to stdout or a file. Links between exports use PUBLIC_URL.
 */
export const exportCardCommand: CliCommand = {
  name: ['export', 'card'],
  usage: USAGE,
  summary: `export a model card (${CARD_EXPORT_FORMATS.join(', ')}) to stdout or --out FILE`,
  async run(cli) {
    const { values, positionals } = parseArgs({
      args: cli.args,
      allowPositionals: true,
      options: { format: { type: 'string' }, out: { type: 'string' } },
    });
    if (positionals.length !== 1 || !values.format) {
      cli.err(`Expected a model id and --format.\nUsage: npm run agora -- ${USAGE}`);
      return EXIT.usage;
    }
    if (!isCardExportFormat(values.format)) {
      cli.err(`Unknown format "${values.format}"; expected one of ${CARD_EXPORT_FORMATS.join(', ')}.`);
      return EXIT.usage;
    }
    const exported = await exportModelCard(await cli.services(), positionals[0]!, values.format, { baseUrl: cli.config.PUBLIC_URL });
    if (!values.out) {
      cli.out(exported.body.replace(/\n$/, ''));
      return EXIT.ok;
    }
    await writeFile(values.out, exported.body, 'utf8');
    cli.err(`${values.out}: ${exported.format} of ${positionals[0]} written (${Buffer.byteLength(exported.body)} bytes).`);
    return EXIT.ok;
  },
};
