import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { MofClass } from '../domain/openness/components.ts';
import { evaluateOpenness, OPENNESS_LABELS, roundProgress, type OpennessEvaluation } from '../domain/openness/evaluate-openness.ts';
import type { MotModelFile } from '../domain/openness/mot-model-file.ts';
import { motModelForEvaluationSchema } from '../domain/openness/read-mot-model.ts';
import { formatProblem } from '../services/content/content-problems.ts';
import { parseContentYaml } from '../services/content/parse-content-yaml.ts';
import { EXIT, type CliCommand, type CliContext } from './command.ts';

const USAGE = 'openness FILE.yml [--json]';
const ROMAN: Record<MofClass, string> = { 1: 'I', 2: 'II', 3: 'III' };

/**
 * `agora openness FILE.yml [--json]`: classifies a Model Openness Tool model file by the tool's own
 * rules. Needs no database. `--json` prints `{ class, label, progress }` with the tool's numbers.
 */
export const opennessCommand: CliCommand = {
  name: ['openness'],
  usage: USAGE,
  summary: 'classify a Model Openness Tool model file (MOF class and progress; --json for the tool\'s numbers)',
  async run(cli) {
    const { values, positionals } = parseArgs({
      args: cli.args,
      allowPositionals: true,
      options: { json: { type: 'boolean', default: false } },
    });
    if (positionals.length !== 1) {
      cli.err(`Expected one model file, e.g. models/Amber.yml.\nUsage: npm run agora -- ${USAGE}`);
      return EXIT.usage;
    }
    const file = positionals[0]!;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : (error as Error).message;
      cli.err(`${file}: cannot read the model file: ${why}.`);
      return EXIT.failed;
    }
    const parsed = parseContentYaml(file, text, motModelForEvaluationSchema);
    if (!parsed.ok) {
      cli.err(`${file}: not a valid Model Openness Tool model file.`);
      for (const problem of parsed.problems) cli.err(`  ${formatProblem(problem)}`);
      return EXIT.failed;
    }
    const evaluation = evaluateOpenness(parsed.value as MotModelFile);
    if (values.json) {
      const { class: mofClass, label, progress } = evaluation;
      cli.out(JSON.stringify({ class: mofClass, label, progress }, null, 2));
    } else printReport(cli, parsed.value as MotModelFile, evaluation);
    return EXIT.ok;
  },
};

function printReport(cli: CliContext, file: MotModelFile, evaluation: OpennessEvaluation): void {
  const { name, version, producer } = file.release;
  cli.out(`${[name, version].filter(Boolean).join(' ')}${producer ? ` (${producer})` : ''}: ${evaluation.label}`);
  cli.out('Progress (rounded as the tool shows it):');
  for (const mofClass of [1, 2, 3] as const) {
    const progress = evaluation.progress[`${mofClass}`];
    cli.out(`  ${OPENNESS_LABELS[mofClass].padEnd(30)} ${`${roundProgress(progress)}%`.padStart(4)}${progress === 100 ? '  met' : ''}`);
  }
  const next = nextClass(evaluation.class);
  if (next === null) cli.out('Every class is met.');
  else {
    cli.out(`Still needed for ${OPENNESS_LABELS[next]} (each included with an open licence):`);
    for (const missing of evaluation.missing[`${next}`]) {
      const component = evaluation.components.find((candidate) => candidate.name === missing)!;
      const alternative = component.id === 11 ? ' (or an openly licensed research paper instead)' : '';
      cli.out(`  - ${component.name}${alternative}: ${component.reason}`);
    }
  }
  cli.out('Components (✓ counts, ✗ does not count, · optional and not counted):');
  for (const component of evaluation.components) {
    const mark = component.counts ? '✓' : component.required ? '✗' : '·';
    cli.out(`  ${mark} ${component.name} (class ${ROMAN[component.class]}, ${component.contentType}): ${component.reason}`);
  }
  for (const warning of evaluation.warnings) cli.out(`Note: ${warning}`);
}

/** The class to work towards next: III from unclassified, then II, then I. */
function nextClass(current: OpennessEvaluation['class']): MofClass | null {
  if (current === 0) return 3;
  return current === 1 ? null : ((current - 1) as MofClass);
}
