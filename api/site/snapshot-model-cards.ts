import { z } from 'zod';
import { modelCardViewSchema } from '../services/model-cards/card-view-schemas.ts';

/**
 * The model-card part of the site snapshot: the API's card view (front matter, prose, revision and
 * computed compliance; api/services/model-cards/card-view-schemas.ts) without `updatedAt`, which
 * the pages do not show and which would change the site fingerprint on every re-sync.
 */
const modelCardSchema = modelCardViewSchema.omit({ updatedAt: true });

/** Live cards ordered by model id (api/services/model-cards/model-cards-snapshot.ts). */
export const modelCardsSnapshotSchema = z.array(modelCardSchema);

export type SiteModelCard = z.infer<typeof modelCardSchema>;
export type SiteCardCompliance = SiteModelCard['compliance'];
export type SiteDocumentationField = SiteCardCompliance['aiAct']['fields'][number];
export type SiteOpennessComponent = SiteCardCompliance['openness']['components'][number];
