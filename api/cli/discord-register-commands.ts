import { parseArgs } from 'node:util';
import { commandDefinitions, registerCommands } from '../../bots/discord/register-commands.ts';
import { EXIT, type CliCommand } from './command.ts';

const USAGE = 'discord register-commands [--guild ID] [--print]';

/**
 * `agora discord register-commands`: registers the slash commands with Discord (bulk overwrite),
 * in one server with `--guild` (immediately) or globally (Discord takes up to an hour). `--print`
 * shows what would be registered and sends nothing.
 */
export const discordRegisterCommandsCommand: CliCommand = {
  name: ['discord', 'register-commands'],
  usage: USAGE,
  summary: 'register the Discord slash commands (--guild ID: in one server, at once)',
  async run(cli) {
    const { values, positionals } = parseArgs({ args: cli.args, allowPositionals: true, options: { guild: { type: 'string' }, print: { type: 'boolean', default: false } } });
    if (positionals.length > 0) {
      cli.err(`Unexpected argument: ${positionals.join(' ')}\nUsage: npm run agora -- ${USAGE}`);
      return EXIT.usage;
    }
    if (values.print) {
      cli.out(JSON.stringify(commandDefinitions(), null, 2));
      return EXIT.ok;
    }
    const guildId = values.guild ?? null;
    if (guildId !== null && !/^\d{15,21}$/.test(guildId)) {
      cli.err(`--guild: expected a server id (a number of 15 to 21 digits), got "${guildId}".`);
      return EXIT.usage;
    }
    const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = cli.config;
    if (!token || !applicationId) {
      cli.err('discord register-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (Developer Portal → your application).');
      return EXIT.usage;
    }
    try {
      const registered = await registerCommands({ apiUrl: cli.config.DISCORD_API_URL, token, applicationId, guildId });
      cli.out(`Registered ${registered.length} command(s) ${guildId ? `in server ${guildId}` : 'globally (Discord may take up to an hour to show them)'}: ${registered.map((command) => `/${command.name}`).join(', ')}`);
      return EXIT.ok;
    } catch (error) {
      cli.err(`Discord refused the commands: ${error instanceof Error ? error.message : String(error)}`);
      return EXIT.failed;
    }
  },
};
