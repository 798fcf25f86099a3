import { seedDemo } from '../services/demo/seed-demo.ts';
import { EXIT, type CliCommand } from './command.ts';

export const demoCommand: CliCommand = {
  name: ['demo'],
  usage: 'demo',
  summary: 'create demo data, all marked as demo (a model family with a simulated training run, demo delegates and decisions); running it again changes nothing',
  async run(cli) {
    const created = await seedDemo(await cli.services());
    cli.out(`Demo data in place: models ${created.models.join(', ')}; training runs ${created.runs.join(', ')}.`);
    cli.out(created.decisions.length ? `Demo decisions created: ${created.decisions.join(', ')}.` : 'Demo decisions were already there.');
    cli.out(created.requests ? `Demo requests filed: ${created.requests}.` : 'Demo requests were already there.');
    return EXIT.ok;
  },
};
