import { z } from 'zod';

/**
 * A Model Openness Tool model file (the YAML the tool's `models/` folder holds), as `mof_schema.json`
 * defines it. The zod schema below mirrors that JSON schema rule for rule — a test runs both over the
 * same files — so exports can be checked here without a JSON-schema engine. Fields the schema does not
 * name (repository, huggingface, github, ...) are allowed, as the schema allows them.
 */

export const MOT_FRAMEWORK_NAME = 'Model Openness Framework';
export const MOT_MODEL_TYPES = ['', 'language', 'vision', 'image', 'audio', 'video', '3d', 'code', 'multimodal', 'other'] as const;
export type MotModelType = (typeof MOT_MODEL_TYPES)[number];
export const MOT_ARCHITECTURES = [
  '',
  'transformer',
  'transformer decoder',
  'transformer encoder-decoder',
  'decoder',
  'encoder',
  'diffusion',
  'RNN',
  'CNN',
  'LSTM',
  'NeRF',
  'hybrid',
  'undisclosed',
  'other',
] as const;
export type MotArchitecture = (typeof MOT_ARCHITECTURES)[number];
export const MOT_TREATMENTS = ['pre-trained', 'instruct fine-tuned', 'chat fine-tuned'] as const;
export type MotTreatment = (typeof MOT_TREATMENTS)[number];
/** The global licence slots: one for the whole release, one per content type. */
export const MOT_GLOBAL_LICENCE_KINDS = ['distribution', 'code', 'data', 'document'] as const;
export type MotGlobalLicenceKind = (typeof MOT_GLOBAL_LICENCE_KINDS)[number];

/** A global licence: an SPDX id and where its text is; either may be left empty (null). */
export type MotLicenceRef = { name?: string | null; path?: string | null };

/** One component entry. A missing `license` inherits the global licence; `unlicensed` means none. */
export type MotComponentEntry = {
  name?: string;
  description?: string;
  license?: string;
  license_path?: string;
  component_path?: string;
  [extra: string]: unknown;
};

export type MotModelFile = {
  framework: { name: typeof MOT_FRAMEWORK_NAME; version: string; date: string; [extra: string]: unknown };
  release: {
    name: string;
    version?: string;
    date?: string;
    type?: MotModelType;
    architecture?: MotArchitecture;
    treatment?: MotTreatment;
    origin?: string;
    producer: string;
    contact?: string;
    license: Partial<Record<MotGlobalLicenceKind, MotLicenceRef>> & { [extra: string]: unknown };
    components: MotComponentEntry[];
    [extra: string]: unknown;
  };
  [extra: string]: unknown;
};

const quoted = (values: readonly string[]) => values.map((value) => JSON.stringify(value)).join(', ');

/** JSON-schema `"format": "date"`: an RFC 3339 full-date that exists on the calendar. */
export function isFullDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

const text = (what: string) => z.string({ error: `expected ${what} (text)` });
const date = (what: string) => text(what).refine(isFullDate, `expected ${what} written YYYY-MM-DD, e.g. "2025-06-17"`);
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of ${quoted(values)}` });

const licenceRefSchema = z.looseObject(
  {
    /** SPDX licence id; null or absent leaves the slot empty. */
    name: z.string({ error: 'expected a licence id such as "Apache-2.0", or nothing' }).nullable().optional(),
    /** Where the licence text is (URL or path). */
    path: z.string({ error: 'expected the licence\'s URL or path, or nothing' }).nullable().optional(),
  },
  { error: 'expected a mapping with "name" and "path"' },
);

/** Builds the file schema; `componentName` lets the evaluator demand names it knows. */
export function motModelFileSchemaWith(componentName: z.ZodType<string | undefined>) {
  return z.looseObject(
    {
      framework: z.looseObject(
        {
          name: z.literal(MOT_FRAMEWORK_NAME, { error: `expected "${MOT_FRAMEWORK_NAME}"` }),
          version: text('the framework version, e.g. "1.0"'),
          date: date('the framework date'),
        },
        { error: 'expected the framework mapping (name, version, date)' },
      ),
      release: z.looseObject(
        {
          name: text('the model\'s name').min(1, 'expected the model\'s name'),
          version: text('the version').optional(),
          /** Global licences; an empty mapping means components carry their own or are unlicensed. */
          license: z.looseObject(
            {
              distribution: licenceRefSchema.optional(),
              code: licenceRefSchema.optional(),
              document: licenceRefSchema.optional(),
              data: licenceRefSchema.optional(),
            },
            { error: 'expected a mapping of global licences (distribution, code, data, document); {} for none' },
          ),
          date: date('the release date').optional(),
          type: oneOf(MOT_MODEL_TYPES).optional(),
          architecture: oneOf(MOT_ARCHITECTURES).optional(),
          treatment: oneOf(MOT_TREATMENTS).optional(),
          origin: text('the base model').optional(),
          producer: text('the producing organisation'),
          contact: text('a contact e-mail, or ""').optional(),
          components: z
            .array(
              z.looseObject(
                {
                  name: componentName,
                  description: text('a description').optional(),
                  /** Component-specific licence id; `unlicensed` when the component has none. */
                  license: text('a licence id such as "MIT", or "unlicensed"').optional(),
                  license_path: text('the licence\'s URL or path').optional(),
                  component_path: text('where the component is (URL or path)').optional(),
                },
                { error: 'expected a component mapping (name, description, license, ...)' },
              ),
              { error: 'expected a list of components' },
            )
            .max(17, 'expected at most 17 components'),
        },
        { error: 'expected the release mapping' },
      ),
    },
    { error: 'expected a mapping with "framework" and "release"' },
  );
}

/** `mof_schema.json` as zod. */
export const motModelFileSchema = motModelFileSchemaWith(text('the component\'s name').optional());

export type MotFileProblem = { path: string; message: string };
export type MotValidation = { valid: true; file: MotModelFile } | { valid: false; issues: z.core.$ZodIssue[]; problems: MotFileProblem[] };

/**
 * Checks any value (e.g. a MOT export built from a model card) against `mof_schema.json`.
 * "No" is a value: the problems name each field (`release.components[2].license`) and what was expected.
 */
export function validateMotModelFile(value: unknown): MotValidation {
  return checkWith(motModelFileSchema, value);
}

/** Shared by the plain validator and the evaluator's stricter reader. */
export function checkWith(schema: z.ZodType, value: unknown): MotValidation {
  const result = schema.safeParse(value);
  if (result.success) return { valid: true, file: result.data as MotModelFile };
  const problems = result.error.issues.map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
  return { valid: false, issues: result.error.issues, problems };
}

/** `['release', 'components', 2, 'name']` → `release.components[2].name`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, segment) => {
    if (typeof segment === 'number') return `${out}[${segment}]`;
    return out ? `${out}.${String(segment)}` : String(segment);
  }, '');
}
