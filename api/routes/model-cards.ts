import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/app-env.ts';
import { problemResponses } from '../http/problem.ts';
import { jsonContent, namedComponent, pageOf, pageQuery } from '../http/schemas.ts';
import { validationHook } from '../http/validation-hook.ts';
import { CARD_EXPORT_FILES, CARD_EXPORT_FORMATS, exportModelCard } from '../services/model-cards/card-exports.ts';
import { modelCardSummarySchema, modelCardViewSchema, trainingSummarySchema } from '../services/model-cards/card-view-schemas.ts';
import { getModelCard, listModelCards } from '../services/model-cards/model-cards.ts';

const modelCardSchema = namedComponent(modelCardViewSchema, 'ModelCard');
const modelId = z.string().max(200).openapi({ example: 'agora-demo-1b-v0-1' });

const listRoute = createRoute({
  method: 'get',
  path: '/model-cards',
  tags: ['Model cards'],
  summary: 'List model cards with their AI Act completeness and openness class',
  request: { query: z.object(pageQuery) },
  responses: {
    200: jsonContent(pageOf(namedComponent(modelCardSummarySchema, 'ModelCardSummary'), 'ModelCardPage'), 'A page of model cards, ordered by model id.'),
    ...problemResponses('invalid'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/models/{id}/card',
  tags: ['Model cards'],
  summary: "A model's card with its computed compliance",
  description:
    'The front matter and prose of content/models/<family>/<version>.md, its revision (sha256 of the file), and what the hub ' +
    'computes from it: AI Act Annex XI/XII completeness (Annex XI §2 at 10^25 FLOP), the Art. 53(2) open-source exemption, ' +
    'the compute thresholds, and the Model Openness Framework class of its MOT export. Answers not_found for a model without a card.',
  request: { params: z.object({ id: modelId }) },
  responses: { 200: jsonContent(modelCardSchema, 'The card.'), ...problemResponses('not_found') },
});

const formatList = CARD_EXPORT_FORMATS.map((format) => `\`${format}\` (${CARD_EXPORT_FILES[format].description})`).join('; ');
const text = (description: string) => ({ schema: z.string().openapi({ description }) });

const exportRoute = createRoute({
  method: 'get',
  path: '/models/{id}/card/exports/{format}',
  tags: ['Model cards'],
  summary: "Export a model's card",
  description:
    `Formats: ${formatList}. Answered as an attachment (Content-Disposition) with the format's media type; links between ` +
    "exports start with the hub's PUBLIC_URL. " +
    'An unknown format answers 400 listing the formats; a model without a card 404. The training summary is generated from ' +
    "the collection cycle the card links (`data.collection`): when the card links none, or the cycle has not been imported, " +
    'it answers 409 conflict with `details.reason` `no_collection` or `collection_not_imported`.',
  request: {
    params: z.object({
      id: modelId,
      format: z.enum(CARD_EXPORT_FORMATS, { error: `expected one of ${CARD_EXPORT_FORMATS.join(', ')}` }).openapi({ example: 'huggingface-readme' }),
    }),
  },
  responses: {
    200: {
      description: 'The exported file.',
      headers: { 'Content-Disposition': { schema: { type: 'string' }, description: 'attachment; filename="README.md" (or <model>.mot.yml, ...)' } },
      content: {
        'text/markdown': text('huggingface-readme, training-summary and annex-xi-xii'),
        'application/yaml': text('mot'),
        'application/json': { schema: trainingSummarySchema.meta({ id: 'TrainingSummary' }) },
      },
    },
    ...problemResponses('invalid', 'not_found', 'conflict'),
  },
});

export const modelCardRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(listRoute, async (c) => c.json(await listModelCards(c.get('services'), c.req.valid('query')), 200))
  .openapi(getRoute, async (c) => c.json(await getModelCard(c.get('services'), c.req.valid('param').id), 200))
  .openapi(exportRoute, async (c) => {
    const { id, format } = c.req.valid('param');
    const exported = await exportModelCard(c.get('services'), id, format, { baseUrl: c.get('publicUrl') });
    return c.body(exported.body, 200, {
      'Content-Type': exported.contentType,
      'Content-Disposition': `attachment; filename="${exported.filename}"`,
    });
  });
