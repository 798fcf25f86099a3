import { z } from 'zod';
import { findComponentByName, MOF_COMPONENT_NAMES } from './components.ts';
import { checkWith, motModelFileSchemaWith, type MotGlobalLicenceKind, type MotModelFile, type MotValidation } from './mot-model-file.ts';

/**
 * The evaluator's reading of a model file: valid against `mof_schema.json` and, beyond it, every
 * component named exactly as the framework names it. (The tool itself maps an unknown name to an
 * arbitrary component, so we refuse it instead of guessing.)
 */
export const motModelForEvaluationSchema = motModelFileSchemaWith(
  z.enum(MOF_COMPONENT_NAMES as [string, ...string[]], {
    error: (issue) =>
      issue.input === undefined
        ? 'expected the component\'s name'
        : `${JSON.stringify(issue.input)} is not a MOF component; expected one of ${MOF_COMPONENT_NAMES.map((name) => `"${name}"`).join(', ')}`,
  }),
);

/** Validates a parsed model file for evaluation; "no" is a value naming each field at fault. */
export function readMotModel(value: unknown): MotValidation {
  return checkWith(motModelForEvaluationSchema, value);
}

/**
 * What the tool stores for a model once imported (`ModelUpdater`): the component ids in file order,
 * each component's own licence (null when the entry gives none, so it inherits), and the global
 * licences. A component listed twice keeps its first place and its last licence, as in the tool.
 */
export type ToolModel = {
  componentIds: number[];
  componentLicences: ReadonlyMap<number, string | null>;
  globalLicences: Partial<Record<MotGlobalLicenceKind, string | null>>;
};

/** Turns a validated file into the tool's stored form; throws if a component name is unknown (validate first). */
export function toToolModel(file: MotModelFile): ToolModel {
  const componentIds: number[] = [];
  const componentLicences = new Map<number, string | null>();
  for (const entry of file.release.components) {
    const component = entry.name === undefined ? undefined : findComponentByName(entry.name);
    if (!component) throw new Error(`Unknown MOF component ${JSON.stringify(entry.name)}: validate the file with readMotModel first`);
    if (!componentLicences.has(component.id)) componentIds.push(component.id);
    componentLicences.set(component.id, entry.license ?? null);
  }
  const globalLicences: ToolModel['globalLicences'] = {};
  for (const kind of ['distribution', 'code', 'data', 'document'] as const) {
    const name = file.release.license[kind]?.name;
    if (name !== undefined) globalLicences[kind] = name;
  }
  return { componentIds, componentLicences, globalLicences };
}
