import type { REST } from '@discordjs/rest';
import type { APIInteraction } from 'discord-api-types/v10';
import { GatewayDispatchEvents, Routes } from 'discord-api-types/v10';
import { Client, GatewayIntentBits } from 'discord.js';
import type { Logger } from '../../api/logger.ts';
import { wellFormedDeep } from '../../api/services/storable-text.ts';
import type { InteractionHandler } from './interactions-route.ts';

export type GatewayAdapter = {
  /** Answers one interaction as the gateway delivered it (the Client's listener; tests call it directly). */
  dispatch(interaction: APIInteraction): Promise<void>;
  stop(): Promise<void>;
};

/**
 * For hubs Discord cannot reach over HTTP: a discord.js Client connected to the gateway receives
 * interactions and hands each, raw, to the same handler as `POST /discord/interactions`; the
 * answer goes back as the interaction's callback. Only the Guilds intent (no privileged intents).
 */
export function startGatewayAdapter(options: { token: string | null; apiUrl: string; rest: REST; handle: InteractionHandler; logger: Logger }): GatewayAdapter {
  const { rest, handle, logger } = options;
  async function dispatch(interaction: APIInteraction): Promise<void> {
    try {
      const response = await handle(wellFormedDeep(interaction) as APIInteraction);
      await rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: response, auth: false });
    } catch (error) {
      logger.error('discord gateway interaction failed', { interaction: interaction.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  if (!options.token) return { dispatch, stop: async () => undefined };
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: options.apiUrl } });
  client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: APIInteraction) => void dispatch(data));
  client.once('clientReady', () => logger.info('discord gateway connected', { user: client.user?.tag }));
  client.on('error', (error) => logger.warn('discord gateway error', { error: error.message }));
  client.login(options.token).catch((error: unknown) => logger.error('discord gateway login failed', { error: error instanceof Error ? error.message : String(error) }));
  return {
    dispatch,
    async stop() {
      await client.destroy();
    },
  };
}
