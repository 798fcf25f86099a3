import { listProposals } from '../services/decisions/proposals.ts';
import { verifyProposalTally } from '../services/decisions/verify.ts';
import { readAllPages } from '../services/pagination.ts';
import { EXIT, type CliCommand } from './command.ts';

export const tallyVerifyCommand: CliCommand = {
  name: ['tally', 'verify'],
  usage: 'tally verify PROPOSAL_ID | --all',
  summary: "recompute a vote's outcome and effect from the ledger alone and compare them with the ones recorded (--all: every closed vote)",
  async run(cli) {
    const [id] = cli.args;
    if (!id) {
      cli.err(`Usage: npm run agora -- ${this.usage}`);
      return EXIT.usage;
    }
    const services = await cli.services();
    const ids = id === '--all' ? (await readAllPages((cursor) => listProposals(services, { state: 'closed', cursor, limit: 500 }))).map((row) => row.id).reverse() : [id];
    let failed = 0;
    for (const proposalId of ids) {
      const result = await verifyProposalTally(services, proposalId);
      const effect = result.effect?.recorded ? `; effect ${result.effect.recorded}` : '';
      if (result.matches) {
        if (!result.recorded) cli.out(`Proposal ${proposalId}: ended without a tally (withdrawn or superseded)${effect} — matches.`);
        else {
          const counts = result.recomputed!.counts;
          cli.out(`Proposal ${proposalId}: ${result.recorded.outcome} at ${result.recorded.closedAt}, recomputed from the ledger: ${counts.approve} approve, ${counts.reject} reject, ${counts.abstain} abstain${effect} — matches.`);
        }
        continue;
      }
      failed += 1;
      cli.err(result.recorded ? `Proposal ${proposalId}: the ledger does not support its recorded outcome.` : `Proposal ${proposalId}:`);
      for (const problem of result.problems) cli.err(`  ${problem}`);
    }
    if (id === '--all') cli.out(`${ids.length - failed} of ${ids.length} closed vote(s) verified.`);
    return failed === 0 ? EXIT.ok : EXIT.failed;
  },
};
