import { verifyProposalTally } from '../services/decisions/verify.ts';
import { EXIT, type CliCommand } from './command.ts';

export const tallyVerifyCommand: CliCommand = {
  name: ['tally', 'verify'],
  usage: 'tally verify PROPOSAL_ID',
  summary: "recompute a vote's outcome from the ledger alone and compare it with the one recorded",
  async run(cli) {
    const [id] = cli.args;
    if (!id) {
      cli.err(`Usage: npm run agora -- ${this.usage}`);
      return EXIT.usage;
    }
    const result = await verifyProposalTally(await cli.services(), id);
    if (!result.recorded) {
      cli.err(result.problems.join('\n') || `Proposal ${id} was withdrawn; there is no tally to verify.`);
      return result.matches ? EXIT.ok : EXIT.failed;
    }
    const counts = result.recomputed!.counts;
    if (result.matches) {
      cli.out(`Proposal ${id}: ${result.recorded.outcome} at ${result.recorded.closedAt}, recomputed from the ledger: ${counts.approve} approve, ${counts.reject} reject, ${counts.abstain} abstain — matches.`);
      return EXIT.ok;
    }
    cli.err(`Proposal ${id}: the ledger does not support its recorded outcome.`);
    for (const problem of result.problems) cli.err(`  ${problem}`);
    return EXIT.failed;
  },
};
