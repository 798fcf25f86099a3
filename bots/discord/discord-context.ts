import type { REST } from '@discordjs/rest';
import type { Logger } from '../../api/logger.ts';
import type { ServiceContext } from '../../api/services/context.ts';

/** What the interaction handler and the commands work with. */
export type DiscordContext = {
  services: ServiceContext;
  logger: Logger;
  publicUrl: string;
  /** Discord's REST API: with the bot token for messages, without auth (`auth: false`) for interaction follow-ups. */
  rest: REST;
  applicationId: string | null;
  /** An answer not ready by then is deferred and sent as a follow-up. */
  deferAfterMs: number;
};
