import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { tables } from '../../../db/index.ts';
import { canonicalJson } from '../../domain/ledger/canonical-json.ts';
import { SALTED_DIGEST_SCHEME, saltedDigest } from '../../domain/ledger/salted-digest.ts';
import { MACHINES } from '../../domain/requests/machines.ts';
import { splitConfidential, type PublicFiling, type RequestInput } from '../../domain/requests/request-schemas.ts';
import { ledgerActor, type Actor, type ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { writeWithLedger } from '../ledger.ts';
import { checkCorrectionSubject } from './check-correction-subject.ts';
import { loadRequest } from './transition-request.ts';
import { toFullView, type FullRequestView } from './views.ts';

/**
 * The requester corrects what they filed (a GitHub issue form edited after filing): the open
 * details are replaced, the confidential part is kept unless the new filing carries one. Only the
 * requester, only while the request is not closed, and only with the same type. The ledger records
 * a salted digest of the new filing, like the first; nothing changes when nothing did.
 */
export async function amendRequest(
  ctx: ServiceContext,
  { actor, input }: { actor: Actor; input: { id: string; filing: RequestInput | PublicFiling } },
): Promise<{ view: FullRequestView; changed: boolean }> {
  return writeWithLedger(ctx, actor, async (tx, record) => {
    const request = await loadRequest(tx, input.id);
    if (ledgerActor(actor) !== request.filedBy) throw new AppError('forbidden', 'Only the requester amends what they filed.');
    if (input.filing.type !== request.type) throw new AppError('invalid', `The request is ${request.type}; an amendment cannot change its type.`);
    if (MACHINES[request.type].final.includes(request.state)) throw new AppError('conflict', `The request is ${request.state.replaceAll('_', ' ')}: it can no longer be amended.`);
    await checkCorrectionSubject(tx, input.filing);
    const { open, confidential } = splitConfidential(input.filing);
    const now = ctx.clock().toISOString();
    const keptConfidential = Object.keys(confidential).length > 0 ? confidential : request.confidential;
    if (canonicalJson(open) === canonicalJson(request.details) && keptConfidential === request.confidential)
      return { view: await toFullView(tx, request, now), changed: false };
    const filed = saltedDigest(canonicalJson({ ...keptConfidential, ...open }), randomBytes(16).toString('hex'));
    const changes = { details: open, confidential: keptConfidential, filedDigestSalt: filed.salt, updatedAt: now };
    await tx.update(tables.requests).set(changes).where(eq(tables.requests.id, request.id));
    await tx.insert(tables.requestActivity).values({ requestId: request.id, kind: 'comment', actor: ledgerActor(actor), comment: 'amended what was filed', at: now });
    record({ type: 'request.amended', subject: `request:${request.id}`, data: { digest: filed.digest, digestScheme: SALTED_DIGEST_SCHEME } });
    return { view: await toFullView(tx, { ...request, ...changes }, now), changed: true };
  });
}
