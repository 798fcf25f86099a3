import type { Logger } from '../../api/logger.ts';
import type { ServiceContext } from '../../api/services/context.ts';

/** What the GitHub bot's handlers work with: the services, where the hub is, and how to log. */
export type BotContext = {
  services: ServiceContext;
  logger: Logger;
  /** The hub's public URL, for links in comments. */
  publicUrl: string;
  /** The bot's own login on GitHub (its comments are not commands), when known. */
  botLogin: string | null;
};
