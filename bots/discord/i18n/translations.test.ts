import { describe, expect, it } from 'vitest';
import { commandDefinitions } from '../register-commands.ts';
import { en } from './en.ts';
import { LANGUAGES, TABLES, translator } from './translate.ts';

type Table = { [key: string]: string | Table };
const flatten = (table: Table, prefix = ''): Map<string, string> => {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(table)) {
    if (typeof value === 'string') entries.set(`${prefix}${key}`, value);
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) entries.set(inner, text);
  }
  return entries;
};
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w]+)/g)].map((match) => match[1]).sort();
const english = flatten(en);

describe('the bot’s translation tables', () => {
  it.each(LANGUAGES)('%s has every key of the English table, each with the same placeholders and Markdown code spans', (language) => {
    const table = flatten(TABLES[language] as Table);
    expect([...table.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of english) {
      const translated = table.get(key)!;
      expect(translated.trim(), `${language} ${key}`).not.toBe('');
      expect(placeholders(translated), `${language} ${key}`).toEqual(placeholders(text));
      expect((translated.match(/`/g) ?? []).length, `${language} ${key}: code spans`).toBe((text.match(/`/g) ?? []).length);
    }
  });

  it.each(LANGUAGES)('%s command names follow Discord’s rule and descriptions fit in 100 characters', (language) => {
    for (const [key, text] of flatten(TABLES[language] as Table)) {
      if (!key.startsWith('commands.')) continue;
      if (key.endsWith('.name')) expect(text, `${language} ${key}`).toMatch(/^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u);
      if (key.endsWith('.description')) expect(text.length, `${language} ${key}`).toBeLessThanOrEqual(100);
    }
  });

  it('registers every command with names and descriptions in every Discord locale of the six languages', () => {
    const definitions = commandDefinitions();
    expect(definitions.map((command) => command.name).sort()).toEqual(['concern', 'model', 'proposal', 'request', 'training', 'vote', 'whoami']);
    for (const command of definitions) {
      for (const locale of ['de', 'fr', 'it', 'es-ES', 'es-419', 'pl']) {
        expect(command.name_localizations?.[locale as 'de'], `${command.name} ${locale}`).toBeTruthy();
        expect(command.description_localizations?.[locale as 'de'], `${command.name} ${locale}`).toBeTruthy();
      }
    }
  });

  it('answers in the interaction’s language, English when it has none, with numbers formatted for the locale', () => {
    expect(translator('de')('choice.approve')).toBe(TABLES.de.choice.approve);
    expect(translator('es-419')('choice.reject')).toBe(TABLES.es.choice.reject);
    expect(translator('pt-BR')('choice.abstain')).toBe('Abstain');
    expect(translator(undefined)('choice.abstain')).toBe('Abstain');
    expect(translator('en-GB')('decision.turnout', { voted: 1200, electorate: 1500 })).toBe('Organisations voted: 1,200 of 1,500');
    expect(translator('de')('decision.turnout', { voted: 1200, electorate: 1500 })).toContain('1.200');
  });
});
