/** A language as the exports name it: the card's ISO 639-3 code, its English name, its ISO 639-1 code if any. */
export type ExportLanguage = { code: string; name: string; iso6391: string | null };

/** The consortium's languages by ISO 639-3 code (from `languages`), as the exports look them up. */
export type LanguageDirectory = ReadonlyMap<string, ExportLanguage>;

/** The English name of a language, or its code when the directory does not know it. */
export function languageName(directory: LanguageDirectory, code: string): string {
  return directory.get(code)?.name ?? code;
}

/**
 * The code the Hugging Face Hub should get: ISO 639-1 where the language has one, otherwise its
 * ISO 639-3 code (the Hub accepts 639-1, 639-2 and 639-3 codes; `ModelCardData.language`).
 */
export function hubLanguageCode(directory: LanguageDirectory, code: string): string {
  return directory.get(code)?.iso6391 ?? code;
}
