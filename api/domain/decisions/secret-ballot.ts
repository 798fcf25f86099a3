import { createHash } from 'node:crypto';
import type { BallotOption } from './policy.ts';

/**
 * A secret ballot's commitment: published (in the ledger and to the voter, as the receipt) when it is
 * cast, while the option stays hidden; the option and salt are revealed at close, so anyone can check
 * that every receipt is in the published set and that each opens to the option counted.
 */
export function commitBallot(ballotId: string, option: BallotOption, salt: string): string {
  return createHash('sha256').update(`${ballotId}\u0000${option}\u0000${salt}`).digest('hex');
}
