import type { APIApplicationCommandAutocompleteInteraction, APIApplicationCommandOptionChoice, APIChatInputApplicationCommandInteraction, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { DiscordContext } from '../discord-context.ts';
import type { MessageKey, Translate } from '../i18n/translate.ts';
import { localizations, translator } from '../i18n/translate.ts';
import type { CommandOptions } from '../options.ts';
import type { Reply } from '../reply.ts';

/** What a command's `execute` gets: the hub, the interaction, its options and the caller's language. */
export type CommandCall = {
  ctx: DiscordContext;
  interaction: APIChatInputApplicationCommandInteraction;
  options: CommandOptions;
  t: Translate;
};

export type AutocompleteCall = Omit<CommandCall, 'interaction'> & { interaction: APIApplicationCommandAutocompleteInteraction };

/** One slash command: its registration data (a builder) and what it does. One file each, in this folder. */
export type Command = {
  data: { name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /** Whether the answer concerns only the caller (it is then seen by them alone), known before it is worked out so a deferral says the same. */
  isEphemeral(options: CommandOptions): boolean;
  execute(call: CommandCall): Promise<Reply>;
  autocomplete?(call: AutocompleteCall): Promise<APIApplicationCommandOptionChoice[]>;
};

type Localizable = {
  setName(name: string): unknown;
  setDescription(description: string): unknown;
  setNameLocalizations(names: Record<string, string>): unknown;
  setDescriptionLocalizations(descriptions: Record<string, string>): unknown;
};

const english = translator('en');

/**
 * Names and describes a builder (command, subcommand or option) from the translation tables, in
 * English and as `name_localizations` / `description_localizations` in every other language.
 */
export function localized<T extends Localizable>(builder: T, key: string): T {
  const name = `${key}.name` as MessageKey;
  const description = `${key}.description` as MessageKey;
  builder.setName(english(name));
  builder.setDescription(english(description));
  builder.setNameLocalizations(localizations(name));
  builder.setDescriptionLocalizations(localizations(description));
  return builder;
}
