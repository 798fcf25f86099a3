import {
  componentById,
  optionalComponentIds,
  requiredComponentIds,
  RESEARCH_PAPER_ID,
  TECHNICAL_REPORT_ID,
  type MofClass,
} from './components.ts';
import { isOpenLicence, isTypeAppropriateLicence } from './licences.ts';
import type { ToolModel } from './read-mot-model.ts';

/**
 * A line-by-line port of the Model Openness Tool's `ModelEvaluator` (evaluate, getProgress,
 * getClassification, in the version with `handleTechnicalReportOmission`/`getComponentStatus`) and of
 * the licence resolution it relies on (`ModelUpdater` stores each component's `license ?? null`). Kept separate from the friendlier
 * report so the numbers can be compared with the tool's own, rule for rule.
 */

/** Where each component of a class ends up; `included` and `optional` hold those with an open licence. */
export type ToolBuckets = { missing: number[]; included: number[]; invalid: number[]; unlicensed: number[]; optional: number[] };
export type ToolClassEvaluation = { components: ToolBuckets; licences: Map<number, string> };
export type ToolEvaluation = Record<MofClass, ToolClassEvaluation> & { notTypeAppropriate: number[] };

/** Where a component's licence came from. */
export type LicenceSource = 'component' | 'global-type' | 'global-distribution';

/** PHP's `empty()` / falsiness for the strings a licence can be: '' and '0' count as nothing. */
const isPhpEmpty = (value: string | null | undefined): value is '' | '0' | null | undefined =>
  value === undefined || value === null || value === '' || value === '0';

/**
 * `ModelEvaluator::resolveLicense`: the component's own licence when its entry sets one (an empty one
 * means unlicensed, without inheriting), else the global licence of its content type, else the
 * distribution licence, else none.
 */
export function resolveLicence(model: ToolModel, componentId: number): { licence: string | null; source: LicenceSource | null } {
  const own = model.componentLicences.get(componentId);
  if (own !== undefined && own !== null) return { licence: isPhpEmpty(own) ? null : own, source: 'component' };
  const type = componentById(componentId).contentType;
  const typed = model.globalLicences[type];
  if (!isPhpEmpty(typed)) return { licence: typed, source: 'global-type' };
  const distribution = model.globalLicences.distribution;
  if (!isPhpEmpty(distribution)) return { licence: distribution, source: 'global-distribution' };
  return { licence: null, source: null };
}

const emptyClass = (): ToolClassEvaluation => ({
  components: { missing: [], included: [], invalid: [], unlicensed: [], optional: [] },
  licences: new Map(),
});

/** `ModelEvaluator::evaluate`: for each class, its cumulative required and optional components sorted into buckets. */
export function evaluateLikeTool(model: ToolModel): ToolEvaluation {
  const evaluation: ToolEvaluation = { 1: emptyClass(), 2: emptyClass(), 3: emptyClass(), notTypeAppropriate: [] };
  let required: number[] = [];
  let optional: number[] = [];
  for (const mofClass of [3, 2, 1] as const) {
    required = [...required, ...requiredComponentIds(mofClass)];
    optional = [...optional, ...optionalComponentIds(mofClass)];
    sortComponents(model, evaluation, mofClass, required, 'included');
    sortComponents(model, evaluation, mofClass, optional, 'optional');
  }
  handleTechnicalReportOmission(evaluation);
  return evaluation;
}

function sortComponents(model: ToolModel, evaluation: ToolEvaluation, mofClass: MofClass, ids: number[], status: 'included' | 'optional'): void {
  const target = evaluation[mofClass];
  for (const id of ids) {
    if (!model.componentIds.includes(id)) {
      if (status === 'included') target.components.missing.push(id);
      continue;
    }
    const licence = resolveLicence(model, id).licence ?? 'unlicensed';
    const isOpen = isOpenLicence(licence);
    if (isOpen) {
      target.components[status].push(id);
      if (!isTypeAppropriateLicence(licence, componentById(id).contentType) && !evaluation.notTypeAppropriate.includes(id))
        evaluation.notTypeAppropriate.push(id);
    } else if (licence === 'unlicensed') target.components.unlicensed.push(id);
    else target.components.invalid.push(id);
    target.licences.set(id, licence);
  }
}

/** The bucket a component is in for a class, as `getComponentStatus` reads it. */
export function componentStatus(buckets: ToolBuckets, id: number): 'included' | 'invalid' | 'unlicensed' | null {
  if (buckets.included.includes(id)) return 'included';
  if (buckets.invalid.includes(id)) return 'invalid';
  if (buckets.unlicensed.includes(id)) return 'unlicensed';
  return null;
}

/**
 * The technical report may be omitted if a research paper is provided: unless the report counts for
 * class III, a research paper listed at all (open or not) takes its place in classes III and II.
 */
function handleTechnicalReportOmission(evaluation: ToolEvaluation): void {
  if (componentStatus(evaluation[3].components, TECHNICAL_REPORT_ID) === 'included') return;
  const paper = componentStatus(evaluation[1].components, RESEARCH_PAPER_ID);
  if (paper === null) return;
  for (const mofClass of [1, 2, 3] as const) {
    const missing = evaluation[mofClass].components.missing;
    const at = missing.indexOf(TECHNICAL_REPORT_ID);
    if (at >= 0) missing.splice(at, 1);
  }
  const licence = evaluation[1].licences.get(RESEARCH_PAPER_ID) ?? '';
  for (const mofClass of [2, 3] as const) {
    evaluation[mofClass].components[paper].push(RESEARCH_PAPER_ID);
    evaluation[mofClass].licences.set(RESEARCH_PAPER_ID, licence);
  }
}

/**
 * `ModelEvaluator::getProgress`: the share of a class's cumulative required components that count,
 * as an unrounded percentage (the tool's API reports it so). A class whose lower classes are not met
 * scores 0. For class I a counted research paper stands in for a missing technical report.
 */
export function progressLikeTool(evaluation: ToolEvaluation, mofClass: MofClass): number {
  let total = 0;
  let included = 0;
  let level = 3;
  for (; level >= mofClass; level--) {
    total += requiredComponentIds(level as MofClass).length;
    included = evaluation[level as MofClass].components.included.length;
    if (included < total) break;
  }
  if (level > mofClass) return 0;
  if (
    mofClass === 1 &&
    componentStatus(evaluation[1].components, TECHNICAL_REPORT_ID) !== 'included' &&
    componentStatus(evaluation[1].components, RESEARCH_PAPER_ID) === 'included'
  )
    total--;
  const progress = (included / total) * 100;
  return progress > 100 ? 100 : progress;
}

/** `ModelEvaluator::getClassification`: the highest class (lowest number) at exactly 100 %, else 0. */
export function classifyLikeTool(progress: Record<MofClass, number>): 0 | MofClass {
  let completed: 0 | MofClass = 0;
  for (const mofClass of [3, 2, 1] as const) if (progress[mofClass] === 100) completed = mofClass;
  return completed;
}
