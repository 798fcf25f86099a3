/**
 * The export formats of a model card and where the hub serves them: plain data, so the API, the
 * CLI and the site's download links (site/src/pages/models/[id]/card.astro) share one list.
 */

/** The export formats of a model card, as the API path and the CLI's --format name them. */
export const CARD_EXPORT_FORMATS = ['huggingface-readme', 'mot', 'training-summary', 'training-summary.json', 'annex-xi-xii'] as const;
export type CardExportFormat = (typeof CARD_EXPORT_FORMATS)[number];

const MARKDOWN = 'text/markdown; charset=utf-8';

/** Media type and download name of each format. */
export const CARD_EXPORT_FILES: Record<CardExportFormat, { contentType: string; filename: (modelId: string) => string; description: string }> = {
  'huggingface-readme': { contentType: MARKDOWN, filename: () => 'README.md', description: 'Hugging Face model card: Hub YAML metadata and Markdown sections' },
  mot: { contentType: 'application/yaml; charset=utf-8', filename: (id) => `${id}.mot.yml`, description: 'Model Openness Tool model file (valid against mof_schema.json)' },
  'training-summary': { contentType: MARKDOWN, filename: (id) => `${id}.training-summary.md`, description: "Public summary of training content on the Commission's template, Markdown" },
  'training-summary.json': { contentType: 'application/json; charset=utf-8', filename: (id) => `${id}.training-summary.json`, description: 'The same summary as JSON' },
  'annex-xi-xii': { contentType: MARKDOWN, filename: (id) => `${id}.annex-xi-xii.md`, description: 'AI Act Annex XI/XII documentation' },
};

/** The formats generated from the card's linked collection cycle: 409 while it is not imported. */
export const COLLECTION_EXPORT_FORMATS: readonly CardExportFormat[] = ['training-summary', 'training-summary.json'];

export function isCardExportFormat(format: string): format is CardExportFormat {
  return (CARD_EXPORT_FORMATS as readonly string[]).includes(format);
}

/** Where the API serves an export, relative to the hub's public URL (for download links on the site). */
export function cardExportPath(modelId: string, format: CardExportFormat): string {
  return `/api/v1/models/${encodeURIComponent(modelId)}/card/exports/${format}`;
}
