import { MOF_COMPONENTS_BY_WEIGHT, type MofComponentName } from './components.ts';
import {
  MOT_FRAMEWORK_NAME,
  MOT_GLOBAL_LICENCE_KINDS,
  type MotArchitecture,
  type MotComponentEntry,
  type MotGlobalLicenceKind,
  type MotModelFile,
  type MotModelType,
  type MotTreatment,
} from './mot-model-file.ts';

/** The framework version and date the tool writes into every file it exports. */
export const MOT_FRAMEWORK_VERSION = { version: '1.0', date: '2024-12-15' } as const;

/** A released component and its licence, in our own words. */
export type MotComponentInput = {
  name: MofComponentName;
  /**
   * SPDX id of the component's own licence; `'unlicensed'` when it has none; leave it out to inherit
   * the release's licence for its content type (or the distribution licence).
   */
  licence?: string;
  /** URL of the licence text. */
  licencePath?: string;
  /** Where the component is published. */
  location?: string;
};

/** What a model card knows about a release, enough to write a MOT model file. */
export type MotReleaseInput = {
  name: string;
  version?: string;
  /** YYYY-MM-DD. */
  date?: string;
  type?: MotModelType;
  architecture?: MotArchitecture;
  treatment?: MotTreatment;
  origin?: string;
  producer: string;
  contact?: string;
  repository?: string;
  huggingface?: string;
  /** Licences for the whole release and per content type, each an SPDX id and where its text is. */
  licences?: Partial<Record<MotGlobalLicenceKind, { name: string; path?: string }>>;
  components: MotComponentInput[];
};

/**
 * Writes a MOT model file (ready for `yaml.stringify`) from release data. Components come out in the
 * tool's display order, each with the framework's own description; fields not given are left out. The
 * result is meant to pass `validateMotModelFile`; a test holds it to that.
 */
export function buildMotModelFile(input: MotReleaseInput): MotModelFile {
  const byName = new Map(input.components.map((component) => [component.name as string, component]));
  const components = MOF_COMPONENTS_BY_WEIGHT.flatMap((component): MotComponentEntry[] => {
    const given = byName.get(component.name);
    if (!given) return [];
    return [
      withoutUndefined({
        name: component.name,
        description: component.description,
        license: given.licence,
        license_path: given.licencePath,
        component_path: given.location,
      }),
    ];
  });
  const license: MotModelFile['release']['license'] = {};
  for (const kind of MOT_GLOBAL_LICENCE_KINDS) {
    const licence = input.licences?.[kind];
    if (licence) license[kind] = { name: licence.name, path: licence.path ?? null };
  }
  const release = withoutUndefined({
    name: input.name,
    version: input.version,
    date: input.date,
    type: input.type,
    architecture: input.architecture,
    treatment: input.treatment,
    origin: input.origin,
    producer: input.producer,
    contact: input.contact,
    repository: input.repository,
    huggingface: input.huggingface,
  });
  return {
    framework: { name: MOT_FRAMEWORK_NAME, ...MOT_FRAMEWORK_VERSION },
    release: { ...release, name: input.name, producer: input.producer, license, components },
  };
}

function withoutUndefined<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}
