import i18next, { type TFunction } from 'i18next';
import { de } from './de.ts';
import { en, type Translation } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';
import { it } from './it.ts';
import { pl } from './pl.ts';

/** The languages the bot speaks, by i18next code. */
export const TABLES = { en, de, fr, it, es, pl } satisfies Record<string, Translation>;
export type Language = keyof typeof TABLES;
export const LANGUAGES = Object.keys(TABLES) as Language[];

/** Discord's locales (discord-api-types `Locale`) for each language: command names and descriptions are registered under each. */
export const DISCORD_LOCALES: Record<Exclude<Language, 'en'>, readonly string[]> = {
  de: ['de'],
  fr: ['fr'],
  it: ['it'],
  es: ['es-ES', 'es-419'],
  pl: ['pl'],
};

/** The bot's language for a Discord locale (`es-419` → es, `en-GB` → en); anything else is English. */
export function languageOf(locale: string | null | undefined): Language {
  const base = (locale ?? '').split('-')[0]!.toLowerCase();
  return (LANGUAGES as string[]).includes(base) ? (base as Language) : 'en';
}

const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(LANGUAGES.map((language) => [language, { translation: TABLES[language] }])),
  lng: 'en',
  fallbackLng: 'en',
  // The text goes to Discord (Markdown), not to HTML; mentions and names are escaped where they are put in.
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
});

/** Dotted keys of the table, e.g. `vote.recorded`. */
type Keys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Keys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type MessageKey = Keys<Translation>;

/** Words in one language: `t('vote.recorded', { … })`. */
export type Translate = (key: MessageKey, values?: Record<string, unknown>) => string;

export function translator(locale: string | null | undefined): Translate {
  const language = languageOf(locale);
  const t: TFunction = i18n.getFixedT(language);
  return (key, values) => t(key, values ?? {}) as string;
}

/** A key in every language but English, keyed by each Discord locale of that language (for `name_localizations`). */
export function localizations(key: MessageKey): Record<string, string> {
  const entries: [string, string][] = [];
  for (const [language, locales] of Object.entries(DISCORD_LOCALES)) {
    const text = i18n.getFixedT(language)(key) as string;
    for (const locale of locales) entries.push([locale, text]);
  }
  return Object.fromEntries(entries);
}
