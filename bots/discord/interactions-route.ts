import type { KeyObject } from 'node:crypto';
import type { APIInteraction, APIInteractionResponse } from 'discord-api-types/v10';
import { InteractionResponseType, InteractionType } from 'discord-api-types/v10';
import { Hono } from 'hono';
import type { AppEnv } from '../../api/http/app-env.ts';
import { respondWithProblem } from '../../api/http/problem.ts';
import { clientAddress, tooMany } from '../../api/http/rate-limit.ts';
import type { RateLimits } from '../../api/http/rate-limits.ts';
import { wellFormedDeep } from '../../api/services/storable-text.ts';
import { checkInteractionSignature } from './verify-interaction.ts';

export type InteractionHandler = (interaction: APIInteraction) => Promise<APIInteractionResponse>;

export type DiscordInteractionsOptions = {
  /** Null while DISCORD_PUBLIC_KEY is unset: the endpoint answers 503. */
  publicKey: KeyObject | null;
  rateLimits: RateLimits;
  /** Null while the bot is off: PING is still answered (so the URL can be saved in Discord), commands get 503. */
  handle: InteractionHandler | null;
  clock: () => Date;
};

const REFUSALS = {
  missing: 'X-Signature-Ed25519 and X-Signature-Timestamp are required: interactions must be signed by Discord.',
  bad: 'X-Signature-Ed25519 does not match the timestamp, the body and the application’s public key.',
  stale: 'X-Signature-Timestamp is more than five minutes from now: an interaction is answered once, when it is new.',
} as const;

/**
 * `POST /discord/interactions`. The Ed25519 signature over timestamp + raw body is checked before
 * anything reads the body, and a stale timestamp is refused even when signed; a refusal is 401 and
 * counted against the address. PING is answered here; everything else goes to the one handler the
 * gateway adapter also feeds (bots/discord/interaction-handler.ts), which answers within Discord's 3 s.
 */
export function discordInteractionsRoute(options: DiscordInteractionsOptions) {
  return new Hono<AppEnv>().post('/discord/interactions', async (c) => {
    if (!options.publicKey)
      return respondWithProblem(c, 'unavailable', 'Discord interactions are not configured on this hub (DISCORD_PUBLIC_KEY is unset).');
    const body = Buffer.from(await c.req.arrayBuffer());
    const check = checkInteractionSignature(options.publicKey, { signature: c.req.header('x-signature-ed25519'), timestamp: c.req.header('x-signature-timestamp') }, body, options.clock());
    if (check !== 'valid') {
      const refusal = await options.rateLimits.consume('interactionSignatureFailures', clientAddress(c));
      if (refusal) return tooMany(c, refusal);
      return respondWithProblem(c, 'unauthorized', REFUSALS[check]);
    }
    let interaction: unknown;
    try {
      interaction = JSON.parse(body.toString('utf8'));
    } catch {
      return respondWithProblem(c, 'invalid', 'The interaction is not JSON.');
    }
    if (!isInteraction(interaction)) return respondWithProblem(c, 'invalid', 'The body is not an interaction (an object with a numeric `type`, an `id` and a `token`).');
    if (interaction.type === InteractionType.Ping) return c.json({ type: InteractionResponseType.Pong });
    if (!options.handle) return respondWithProblem(c, 'unavailable', 'The Discord bot is not running on this hub.');
    const started = Date.now();
    const response = await options.handle(wellFormedDeep(interaction) as APIInteraction);
    c.var.logger.info('discord interaction', { requestId: c.var.requestId, interaction: interaction.id, type: interaction.type, answer: response.type, ms: Date.now() - started });
    return c.json(response);
  });
}

function isInteraction(value: unknown): value is APIInteraction {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.type === 'number' && typeof candidate.id === 'string' && typeof candidate.token === 'string';
}
