import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { trainingReportSchema } from '../domain/training/report.ts';
import { RUN_STATES } from '../domain/training/vocabulary.ts';
import type { AppEnv } from '../http/app-env.ts';
import { limitBody } from '../http/body-limit.ts';
import { problemResponses } from '../http/problem.ts';
import { jsonContent, namedComponent, pageOf, pageQuery } from '../http/schemas.ts';
import { validationHook } from '../http/validation-hook.ts';
import { metricPointSchema, runEventSchema, runViewSchema } from '../services/training-run-view-schemas.ts';
import { createRun, getRun, listMetrics, listRuns } from '../services/training-runs.ts';
import { submitReport } from '../services/training-reports.ts';

/** Reports are small; a job that sends more is misconfigured, not chatty. */
export const REPORT_BODY_LIMIT = 64 * 1024;

export const runSchema = namedComponent(runViewSchema, 'TrainingRun');

const runDetailSchema = runSchema.extend({ events: z.array(runEventSchema) }).openapi('TrainingRunDetail');

const security = [{ bearer: [] }];
const idParam = z.object({ id: z.string().max(200).openapi({ example: 'demo-lumi-1' }) });

const listRoute = createRoute({
  method: 'get',
  path: '/training-runs',
  tags: ['Training'],
  summary: 'List training runs',
  request: { query: z.object({ model: z.string().max(200).optional(), state: z.enum(RUN_STATES).optional(), ...pageQuery }) },
  responses: { 200: jsonContent(pageOf(runSchema, 'TrainingRunPage'), 'A page of runs, ordered by id.'), ...problemResponses('invalid') },
});

const createRunRoute = createRoute({
  method: 'post',
  path: '/training-runs',
  tags: ['Training'],
  summary: 'Register a training run (reporter or write)',
  security,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              id: z.string().regex(/^[\w.-]{1,100}$/, 'expected letters, digits, ".", "_" or "-" (at most 100)').optional(),
              modelId: z.string().max(200),
              cycle: z.string().max(200).nullable().optional(),
              hpcSystem: z.string().min(1).max(100).openapi({ example: 'LUMI' }),
              totalSteps: z.number().int().positive().nullable().optional(),
              tokensTarget: z.number().int().positive().nullable().optional(),
            })
            .openapi('TrainingRunRequest'),
        },
      },
    },
  },
  responses: { 201: jsonContent(runSchema, 'The run, queued.'), ...problemResponses('invalid', 'unauthorized', 'forbidden', 'conflict') },
});

const getRoute = createRoute({
  method: 'get',
  path: '/training-runs/{id}',
  tags: ['Training'],
  summary: 'One training run with progress, ETA and latest events',
  request: { params: idParam },
  responses: { 200: jsonContent(runDetailSchema, 'The run.'), ...problemResponses('not_found') },
});

const metricsRoute = createRoute({
  method: 'get',
  path: '/training-runs/{id}/metrics',
  tags: ['Training'],
  summary: 'The metrics series of a run, one point per step',
  request: {
    params: idParam,
    query: z.object({ after: z.coerce.number().int().min(-1).optional().openapi({ description: 'Only steps after this one.' }), limit: z.coerce.number().int().min(1).max(5000).default(1000) }),
  },
  responses: {
    200: jsonContent(
      z
        .object({
          items: z.array(metricPointSchema),
          next: z.string().nullable().openapi({ description: 'Pass as `after` for the next page.' }),
        })
        .openapi('MetricPage'),
      'Points in step order.',
    ),
    ...problemResponses('invalid', 'not_found'),
  },
});

const reportRoute = createRoute({
  method: 'post',
  path: '/training-runs/{id}/reports',
  tags: ['Training'],
  summary: 'Report the state of a run (reporter); re-sending a report changes nothing',
  security,
  request: {
    params: idParam,
    body: { required: true, content: { 'application/json': { schema: trainingReportSchema } } },
  },
  responses: {
    201: jsonContent(
      z
        .object({
          runId: z.string(),
          reportId: z.string(),
          duplicate: z.boolean(),
          latest: z.boolean().openapi({ description: "The run's figures now come from this report." }),
          run: runSchema,
        })
        .openapi('ReportOutcome'),
      'The report was recorded (or had been: `duplicate`).',
    ),
    ...problemResponses('invalid', 'unauthorized', 'forbidden', 'not_found', 'conflict', {
      code: 'payload_too_large',
      description: `The body is over ${REPORT_BODY_LIMIT} bytes.`,
    }),
  },
});

const routes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
routes.use('/training-runs/:id/reports', limitBody(REPORT_BODY_LIMIT, `A report is limited to ${REPORT_BODY_LIMIT} bytes.`));

export const trainingRunRoutes = routes
  .openapi(listRoute, async (c) => c.json(await listRuns(c.get('services'), c.req.valid('query')), 200))
  .openapi(createRunRoute, async (c) => c.json(await createRun(c.get('services'), { actor: c.get('actor'), input: c.req.valid('json') }), 201))
  .openapi(getRoute, async (c) => c.json(await getRun(c.get('services'), c.req.valid('param').id), 200))
  .openapi(metricsRoute, async (c) => {
    const { after, limit } = c.req.valid('query');
    return c.json(await listMetrics(c.get('services'), { runId: c.req.valid('param').id, afterStep: after, limit }), 200);
  })
  .openapi(reportRoute, async (c) => {
    const outcome = await submitReport(c.get('services'), {
      actor: c.get('actor'),
      input: { runId: c.req.valid('param').id, report: c.req.valid('json') },
    });
    return c.json(outcome, 201);
  });
