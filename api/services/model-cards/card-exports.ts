import { stringify } from 'yaml';
import { computeCardCompliance } from '../../domain/model-cards/card-compliance.ts';
import { renderAnnexDocumentation } from '../../domain/model-cards/exports/annex-documentation.ts';
import { buildHuggingFaceReadme } from '../../domain/model-cards/exports/huggingface-readme.ts';
import { buildCardMotFile } from '../../domain/model-cards/exports/mot-export.ts';
import { renderTrainingSummaryMarkdown } from '../../domain/model-cards/exports/training-summary-markdown.ts';
import type { TrainingSummary } from '../../domain/model-cards/exports/training-summary.ts';
import type { ServiceContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { CARD_EXPORT_FILES, CARD_EXPORT_FORMATS, cardExportPath, isCardExportFormat, type CardExportFormat } from './card-export-formats.ts';
import { loadLanguageDirectory, requireCard } from './load-cards.ts';
import { loadLinkedCollection, summariseTrainingContent } from './training-summary-source.ts';

// The formats are plain data the site imports too; callers of the exports keep finding them here.
export { CARD_EXPORT_FILES, CARD_EXPORT_FORMATS, cardExportPath, isCardExportFormat, type CardExportFormat } from './card-export-formats.ts';

export type CardExport = { format: CardExportFormat; contentType: string; filename: string; body: string };

/**
 * One export of a model's card, ready to serve or write to a file. `baseUrl` is the hub's public
 * URL, for the links between exports. Answers `invalid` for an unknown format (listing the formats),
 * `not_found` without a card, and `conflict` for a training summary of a card without an imported
 * collection cycle.
 */
export async function exportModelCard(ctx: ServiceContext, modelId: string, format: string, options: { baseUrl: string }): Promise<CardExport> {
  if (!isCardExportFormat(format))
    throw new AppError('invalid', `Unknown export format "${format}"; expected one of ${CARD_EXPORT_FORMATS.join(', ')}.`, { format, formats: CARD_EXPORT_FORMATS });
  const row = await requireCard(ctx, modelId);
  const card = row.frontMatter;
  const file = CARD_EXPORT_FILES[format];
  const answer = (body: string): CardExport => ({ format, contentType: file.contentType, filename: file.filename(modelId), body });
  const url = (target: CardExportFormat) => `${options.baseUrl.replace(/\/+$/, '')}${cardExportPath(modelId, target)}`;

  if (format === 'mot') return answer(stringify(buildCardMotFile(card).file, { lineWidth: 0 }));
  const languages = await loadLanguageDirectory(ctx);
  const linked = await loadLinkedCollection(ctx, card);
  const summaryInput = { modelId, card, revision: row.revision, languages, linked };
  if (format === 'training-summary') return answer(renderTrainingSummaryMarkdown(await summariseTrainingContent(ctx, summaryInput)));
  if (format === 'training-summary.json') return answer(`${JSON.stringify(await summariseTrainingContent(ctx, summaryInput), null, 2)}\n`);
  const compliance = computeCardCompliance(card);
  const trainingSummaryUrl = linked.found ? url('training-summary') : null;
  if (format === 'annex-xi-xii')
    return answer(renderAnnexDocumentation({ card, revision: row.revision, completeness: compliance.aiAct, compute: compliance.compute, trainingSummaryUrl }));
  const readme = buildHuggingFaceReadme({
    card,
    body: row.body,
    revision: row.revision,
    languages,
    datasets: linked.found ? linked.collection.datasets : [],
    compliance,
    links: { trainingSummary: trainingSummaryUrl, annex: url('annex-xi-xii'), mot: url('mot') },
  });
  return answer(`---\n${stringify(readme.metadata, { lineWidth: 0 })}---\n\n${readme.markdown}`);
}

/** The public summary of training content of a model as data (for the site's card page). */
export async function getTrainingSummary(ctx: ServiceContext, modelId: string): Promise<TrainingSummary> {
  const row = await requireCard(ctx, modelId);
  const [languages, linked] = await Promise.all([loadLanguageDirectory(ctx), loadLinkedCollection(ctx, row.frontMatter)]);
  return summariseTrainingContent(ctx, { modelId, card: row.frontMatter, revision: row.revision, languages, linked });
}
