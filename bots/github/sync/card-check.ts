import { modelCardFrontMatterSchema } from '../../../api/domain/model-cards/card-schema.ts';
import { computeCardCompliance } from '../../../api/domain/model-cards/card-compliance.ts';
import { formatProblem } from '../../../api/services/content/content-problems.ts';
import { parseContentYaml } from '../../../api/services/content/parse-content-yaml.ts';
import type { GitHubClient } from '../octokit.ts';
import type { GitHubMessage } from './github-messages.ts';

const CARD_PATH = /^content\/models\/[^/]+\/[^/]+\.md$/;
const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
export const CARD_CHECK_NAME = 'Agora model card';

type Check = Omit<Extract<GitHubMessage, { op: 'check' }>, 'op' | 'repository' | 'sha'>;

/**
 * The check of a pull request's model cards at its head commit: for each changed card, AI Act
 * Annex XI/XII completeness (what is missing) and the Model Openness Framework class, computed by
 * the same rules as the hub's card pages. Null when the pull request touches no card.
 */
export async function cardCheckFor(octokit: GitHubClient, repository: string, pull: { number: number; head: { sha: string } }): Promise<Check | null> {
  const [owner, repo] = repository.split('/') as [string, string];
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pull.number, per_page: 100 });
  const cards = files.filter((file) => CARD_PATH.test(file.filename) && file.status !== 'removed');
  if (cards.length === 0) return null;
  const sections: string[] = [];
  let failing = 0;
  for (const card of cards.slice(0, 50)) {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path: card.filename, ref: pull.head.sha });
    const text = 'content' in data && typeof data.content === 'string' ? Buffer.from(data.content, 'base64').toString('utf8') : '';
    const match = FRONT_MATTER.exec(text);
    if (!match) {
      failing++;
      sections.push(`### ${card.filename}\n\nNo YAML front matter between two \`---\` lines at the top.`);
      continue;
    }
    const parsed = parseContentYaml(card.filename, match[1]!, modelCardFrontMatterSchema, { firstLine: 2 });
    if (!parsed.ok) {
      failing++;
      sections.push(`### ${card.filename}\n\n${parsed.problems.map((problem) => `- ${formatProblem(problem)}`).join('\n')}`);
      continue;
    }
    const compliance = computeCardCompliance(parsed.value);
    if (!compliance.aiAct.complete) failing++;
    sections.push(
      [
        `### ${card.filename}`,
        '',
        `- AI Act Annex XI/XII: ${compliance.aiAct.complete ? 'complete' : `${compliance.aiAct.missing.length} of ${compliance.aiAct.fields.length} fields missing`}${compliance.aiAct.systemicRisk ? ' (Annex XI §2 applies)' : ''}`,
        ...compliance.aiAct.missing.map((field) => `  - missing: ${field.label}`),
        `- Model Openness Framework: ${compliance.openness.label}`,
      ].join('\n'),
    );
  }
  return {
    name: CARD_CHECK_NAME,
    conclusion: failing > 0 ? 'failure' : 'success',
    title: failing > 0 ? `${failing} of ${cards.length} model card(s) incomplete` : `${cards.length} model card(s) complete`,
    summary: `Model cards changed in this pull request, checked against AI Act Annex XI/XII and the Model Openness Framework.`,
    text: sections.join('\n\n').slice(0, 60_000),
  };
}
