import type { IssueFormTemplate } from './issue-form-template.ts';
import { fieldKey } from './read-issue-answers.ts';

/** Answers by field key: text for inputs and textareas, the chosen options or the ticked boxes otherwise. */
export type FilledForm = Record<string, string | readonly string[] | undefined>;

/**
 * Test support: the issue body GitHub writes when a form is submitted. Each field becomes
 * `### <label>`, a blank line and the answer; an empty answer is `_No response_` (`None` for a
 * dropdown); dropdown choices are joined with ", "; checkboxes are `- [X] ` or `- [ ] ` lines; a
 * textarea with `render:` is fenced in that language.
 */
export function renderIssueBody(template: IssueFormTemplate, filled: FilledForm, { newline = '\n' }: { newline?: string } = {}): string {
  const sections: string[] = [];
  for (const element of template.body) {
    if (element.type === 'markdown') continue;
    const answer = filled[fieldKey(element)];
    const chosen = typeof answer === 'string' ? [answer] : (answer ?? []);
    let text: string;
    if (element.type === 'checkboxes') text = element.attributes.options.map(({ label }) => `- [${chosen.includes(label) ? 'X' : ' '}] ${label}`).join('\n');
    else if (element.type === 'dropdown') text = chosen.length > 0 ? chosen.join(', ') : 'None';
    else if (typeof answer !== 'string' || answer === '') text = '_No response_';
    else text = element.type === 'textarea' && element.attributes.render ? `\`\`\`${element.attributes.render}\n${answer}\n\`\`\`` : answer;
    sections.push(`### ${element.attributes.label}\n\n${text}`);
  }
  return sections.join('\n\n').replace(/\n/g, newline);
}
