import { REST } from '@discordjs/rest';
import type { RESTPutAPIApplicationCommandsResult } from 'discord-api-types/v10';
import { Routes } from 'discord-api-types/v10';
import { COMMANDS } from './commands/index.ts';

/** Every command's registration, as Discord takes it (names and descriptions in each language included). */
export function commandDefinitions() {
  return [...COMMANDS.values()].map((command) => command.data.toJSON());
}

/**
 * Registers the bot's commands by bulk overwrite: in one server (`guildId`, at once) or for every
 * server (global, which Discord may take up to an hour to show). Commands not in the list are removed.
 */
export async function registerCommands(options: { apiUrl: string; token: string; applicationId: string; guildId: string | null }): Promise<RESTPutAPIApplicationCommandsResult> {
  const rest = new REST({ api: options.apiUrl, version: '10' }).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  return (await rest.put(route, { body: commandDefinitions() })) as RESTPutAPIApplicationCommandsResult;
}
