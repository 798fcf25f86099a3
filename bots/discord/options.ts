import type { APIApplicationCommandInteractionDataOption, InteractionType } from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';

export type CommandOptions = {
  subcommand: string | null;
  string(name: string): string | null;
  /** The option the caller is typing (autocomplete), and what they typed so far. */
  focused: { name: string; value: string } | null;
};

/** The options of a slash command (a subcommand's, when it has one), read from the interaction's data. */
type AnyOption = APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand | InteractionType.ApplicationCommandAutocomplete>;

export function readOptions(data: { options?: readonly AnyOption[] | undefined }): CommandOptions {
  let options: readonly AnyOption[] = data.options ?? [];
  let subcommand: string | null = null;
  const first = options[0];
  if (first && (first.type === ApplicationCommandOptionType.Subcommand || first.type === ApplicationCommandOptionType.SubcommandGroup)) {
    subcommand = first.name;
    options = first.options ?? [];
    const nested = options[0];
    if (first.type === ApplicationCommandOptionType.SubcommandGroup && nested?.type === ApplicationCommandOptionType.Subcommand) {
      subcommand = `${first.name} ${nested.name}`;
      options = nested.options ?? [];
    }
  }
  const valueOf = (name: string) => {
    const option = options.find((entry) => entry.name === name);
    return option && 'value' in option ? option.value : undefined;
  };
  const focusedOption = options.find((entry) => 'focused' in entry && entry.focused);
  return {
    subcommand,
    string: (name) => {
      const value = valueOf(name);
      return value === undefined || value === null ? null : String(value);
    },
    focused: focusedOption && 'value' in focusedOption ? { name: focusedOption.name, value: String(focusedOption.value) } : null,
  };
}
