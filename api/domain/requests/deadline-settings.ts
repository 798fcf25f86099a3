import { z } from 'zod';
import { DEFAULT_DEADLINES } from './deadlines.ts';

const days = z.number({ error: 'expected a number of days' }).int('expected whole days').positive('expected a positive number of days').max(365);

/** content/governance/requests.yaml: days to answer each kind of request when no authority set a period. */
export const requestsFileSchema = z.strictObject({
  deadlines: z
    .strictObject({
      dataset: days.default(DEFAULT_DEADLINES.dataset),
      access: days.default(DEFAULT_DEADLINES.access),
      inspection: days.default(DEFAULT_DEADLINES.inspection),
      card_correction: days.default(DEFAULT_DEADLINES.card_correction),
      /** The funding terms promise downstream providers an answer within 14 days. */
      downstream_provider: days.default(DEFAULT_DEADLINES.downstream_provider),
    })
    .default(DEFAULT_DEADLINES),
});
