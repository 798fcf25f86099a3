import type { Transaction } from '../../db/index.ts';
import { AppError } from './errors.ts';
import { requireActiveToken, type TokenActor } from './token-authentication.ts';

/** A reporter token is bound to runs; admin tokens and the console report to any run. */
export type Reporter = { kind: 'bound'; token: TokenActor } | { kind: 'unbound'; token: TokenActor | null };

/**
 * The runs each token of the batch was granted, read in this transaction: a token revoked or
 * expired anywhere reports nothing more. A token's failure is kept as its reports' verdict.
 */
export async function tokenGrants(tx: Transaction, now: Date, batch: { reporter: Reporter }[]): Promise<Map<string, string[] | AppError>> {
  const grants = new Map<string, string[] | AppError>();
  for (const { reporter } of batch) {
    const token = reporter.token;
    if (!token || grants.has(token.tokenId)) continue;
    try {
      grants.set(token.tokenId, (await requireActiveToken(tx, token, now)).runIds);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      grants.set(token.tokenId, error);
    }
  }
  return grants;
}

/** Why this reporter may not report to this run, or null when it may. */
export function refuseReporter(item: { reporter: Reporter }, run: { id: string; registeredByToken: string | null }, grants: Map<string, string[] | AppError>): AppError | null {
  const token = item.reporter.token;
  const granted = token ? grants.get(token.tokenId) : undefined;
  if (granted instanceof AppError) return granted;
  if (item.reporter.kind === 'unbound') return null;
  if (run.registeredByToken === token!.tokenId || granted?.includes(run.id)) return null;
  return new AppError('forbidden', `This reporter token may report only to the runs it registered or was granted; "${run.id}" is neither.`, { runId: run.id });
}
