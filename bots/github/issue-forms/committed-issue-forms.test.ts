import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { renderIssueForms } from './render-issue-forms.ts';

const TEMPLATE_DIR = join(import.meta.dirname, '../../../.github/ISSUE_TEMPLATE');

it('commits .github/ISSUE_TEMPLATE exactly as the generator writes it (run `npm run agora -- github forms`)', () => {
  const expected = renderIssueForms();
  const committed = Object.fromEntries(readdirSync(TEMPLATE_DIR).map((name) => [name, readFileSync(join(TEMPLATE_DIR, name), 'utf8')]));
  expect(committed).toEqual(expected);
});
