import {
  MOF_COMPONENTS_BY_WEIGHT,
  RESEARCH_PAPER_ID,
  TECHNICAL_REPORT_ID,
  type MofClass,
  type MofComponent,
  type MofContentType,
} from './components.ts';
import { isOpenLicence, isTypeAppropriateLicence, lookUpLicence } from './licences.ts';
import type { MotModelFile } from './mot-model-file.ts';
import { toToolModel, type ToolModel } from './read-mot-model.ts';
import {
  classifyLikeTool,
  evaluateLikeTool,
  progressLikeTool,
  resolveLicence,
  type LicenceSource,
} from './tool-evaluation.ts';

/** 0 = unclassified; otherwise the MOF class, 1 being the most open. */
export type OpennessClass = 0 | MofClass;

/** The tool's labels, word for word (`ModelEvaluator::getClassLabel`). */
export const OPENNESS_LABELS = {
  0: 'Unclassified',
  1: 'Class I - Open Science Model',
  2: 'Class II - Open Tooling Model',
  3: 'Class III - Open Model',
} as const satisfies Record<OpennessClass, string>;

export type ClassKey = '1' | '2' | '3';
export type PerClass<T> = Record<ClassKey, T>;

export type ComponentOpenness = {
  id: number;
  name: string;
  /** The class that first requires (or offers) it. */
  class: MofClass;
  required: boolean;
  contentType: MofContentType;
  /** Listed in the release's components. */
  included: boolean;
  /** The licence that applies after inheritance, or null when none does. */
  licence: string | null;
  licenceSource: LicenceSource | null;
  licenceIsOpen: boolean;
  /** The tool lists the licence for this content type (only a warning when false). */
  licenceIsTypeAppropriate: boolean;
  /** Included with an open licence, so it counts towards every class that needs it. */
  counts: boolean;
  /** Why, in a sentence. */
  reason: string;
};

export type OpennessEvaluation = {
  class: OpennessClass;
  label: (typeof OPENNESS_LABELS)[OpennessClass];
  /** Unrounded percentages, as the tool's API gives them; a class is met at exactly 100. */
  progress: PerClass<number>;
  /** Every framework component, in the tool's display order. */
  components: ComponentOpenness[];
  /** Per class, the names of the required components that keep it from being met (empty when met). */
  missing: PerClass<string[]>;
  warnings: string[];
};

/**
 * Classifies a Model Openness Tool model file exactly as the tool does: class, label and per-class
 * progress equal the tool's; components, missing and warnings explain them. The file must have passed
 * `readMotModel` (an unknown component name is a broken contract and throws).
 */
export function evaluateOpenness(file: MotModelFile): OpennessEvaluation {
  const model = toToolModel(file);
  const evaluation = evaluateLikeTool(model);
  const raw = { 1: progressLikeTool(evaluation, 1), 2: progressLikeTool(evaluation, 2), 3: progressLikeTool(evaluation, 3) };
  const mofClass = classifyLikeTool(raw);
  const components = noteStandIn(MOF_COMPONENTS_BY_WEIGHT.map((component) => describeComponent(model, component)));
  return {
    class: mofClass,
    label: OPENNESS_LABELS[mofClass],
    progress: { '1': raw[1], '2': raw[2], '3': raw[3] },
    components,
    missing: { '1': blocking(components, 1), '2': blocking(components, 2), '3': blocking(components, 3) },
    warnings: [
      ...notTypeAppropriate(components, evaluation.notTypeAppropriate),
      ...listedTwice(file).map((name) => `${name} is listed more than once; as in the tool, the last entry's licence is used.`),
    ],
  };
}

/** PHP `round()` of a progress figure, as the tool shows it on badges ("In progress (67%)"). */
export function roundProgress(progress: number): number {
  return Math.round(progress);
}

const SOURCE_TEXT: Record<LicenceSource, (type: MofContentType) => string> = {
  component: () => 'its own licence',
  'global-type': (type) => `the release's ${type} licence`,
  'global-distribution': () => "the release's distribution licence",
};

function describeComponent(model: ToolModel, component: MofComponent): ComponentOpenness {
  const included = model.componentIds.includes(component.id);
  const { licence, source } = included ? resolveLicence(model, component.id) : { licence: null, source: null };
  const licenceIsOpen = licence !== null && isOpenLicence(licence);
  const licenceIsTypeAppropriate = licence !== null && isTypeAppropriateLicence(licence, component.contentType);
  const base = {
    id: component.id,
    name: component.name,
    class: component.class,
    required: component.required,
    contentType: component.contentType,
    included,
    licence,
    licenceSource: source,
    licenceIsOpen,
    licenceIsTypeAppropriate,
    counts: included && licenceIsOpen,
  };
  return { ...base, reason: explain(base) };
}

function explain(c: Omit<ComponentOpenness, 'reason'>): string {
  if (!c.included) return c.required ? 'not included in the release' : 'optional; not included';
  const from = c.licenceSource ? SOURCE_TEXT[c.licenceSource](c.contentType) : '';
  if (c.licence === null)
    return c.licenceSource === 'component'
      ? 'included, but its licence is empty, which means unlicensed'
      : `included, but unlicensed: no licence of its own and no ${c.contentType} or distribution licence for the release`;
  if (c.licence === 'unlicensed') return 'included, but marked unlicensed';
  if (!c.licenceIsOpen)
    return lookUpLicence(c.licence)
      ? `${c.licence} (${from}) is not an open licence for the tool: not OSI-approved, not FSF-libre, not on its open-data list`
      : `${c.licence} (${from}) is not a licence id the tool knows (SPDX ids, case-sensitive), so it is not open`;
  const open = `open licence ${c.licence} (${from})`;
  return c.licenceIsTypeAppropriate ? open : `${open}; the tool warns that it is not a ${c.contentType} licence`;
}

/**
 * The required components of `mofClass` and the classes below it that do not count. The research
 * paper stands in for the technical report: class I never needs the report (it needs the paper), and
 * classes II and III need the report only when no paper counts.
 */
function blocking(components: ComponentOpenness[], mofClass: MofClass): string[] {
  const paperCounts = components.some((component) => component.id === RESEARCH_PAPER_ID && component.counts);
  return components
    .filter((component) => component.required && component.class >= mofClass && !component.counts)
    .filter((component) => component.id !== TECHNICAL_REPORT_ID || (mofClass > 1 && !paperCounts))
    .map((component) => component.name);
}

/** Says so on the technical report when a counted research paper makes it unnecessary. */
function noteStandIn(components: ComponentOpenness[]): ComponentOpenness[] {
  const paperCounts = components.some((component) => component.id === RESEARCH_PAPER_ID && component.counts);
  return components.map((component) =>
    component.id === TECHNICAL_REPORT_ID && !component.counts && paperCounts
      ? { ...component, reason: `${component.reason}; not needed, the research paper stands in for it` }
      : component,
  );
}

/** The tool's "conditional" note: open licences it does not list for the component's content type. */
function notTypeAppropriate(components: ComponentOpenness[], ids: number[]): string[] {
  if (ids.length === 0) return [];
  const listed = components
    .filter((component) => ids.includes(component.id))
    .map((component) => `${component.name} (${component.contentType}: ${component.licence})`);
  const advice = 'Open, but not a licence the tool lists for the content type; they count, yet a type-appropriate licence is advised';
  return [`${advice}: ${listed.join(', ')}.`];
}

function listedTwice(file: MotModelFile): string[] {
  const names = file.release.components.map((entry) => entry.name).filter((name): name is string => name !== undefined);
  return [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
}
