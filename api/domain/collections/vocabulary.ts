/** What a dataset holds: natural-language text, or source code (which has no natural language). */
export const DATASET_CONTENTS = ['text', 'code'] as const;
export type DatasetContent = (typeof DATASET_CONTENTS)[number];
