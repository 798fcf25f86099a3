import { eq } from 'drizzle-orm';
import { tables, type Database, type Transaction } from '../../../db/index.ts';
import type { PublicFiling, RequestInput } from '../../domain/requests/request-schemas.ts';
import { AppError } from '../errors.ts';

/**
 * Refuses a model-card correction whose `model_id` names no model of the registry, since nobody
 * could fix a card that is not there; other request types pass untouched. Called inside the
 * filing's write, so the model checked is there when the filing commits. The refusal names the
 * field the way the API's validation does (`issues[].path`), so a client shows it beside the others.
 */
export async function checkCorrectionSubject(db: Transaction | Database, request: RequestInput | PublicFiling): Promise<void> {
  if (request.type !== 'card_correction') return;
  const [model] = await db.select({ id: tables.models.id }).from(tables.models).where(eq(tables.models.id, request.model_id));
  if (model) return;
  const message = `no model has the id "${request.model_id}" in the registry (GET /api/v1/models lists them)`;
  throw new AppError('invalid', `"model_id": ${message}.`, { issues: [{ path: 'model_id', message }] });
}
