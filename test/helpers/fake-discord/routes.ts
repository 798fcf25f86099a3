import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { DiscordError, unauthorized, unknownChannel, unknownMessage } from './discord-error.ts';
import { faultResponse, type DiscordFaults } from './faults.ts';
import type { DiscordCall, DiscordWorld, FakeMessage } from './world.ts';

type Env = { Variables: { body: unknown } };

/** How long Discord remembers a nonce for `enforce_nonce` ("the past few minutes"). */
const NONCE_WINDOW_MS = 5 * 60_000;
/** Routes that take no bot token: interaction callbacks and webhooks authenticate by their token in the path. */
const TOKEN_IN_PATH = /^\/(?:interactions|webhooks)\//;

/** The fake's HTTP surface below `/api/v10`: record, parse, fault, authenticate, route; Discord's error shapes. */
export function createDiscordApp(world: DiscordWorld, { faults, calls }: { faults: DiscordFaults; calls: DiscordCall[] }): Hono<Env> {
  const app = new Hono<Env>().basePath('/api/v10');

  app.use(async (c, next) => {
    const path = new URL(c.req.url).pathname.replace(/^\/api\/v10/, '');
    const text = await c.req.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    c.set('body', body);
    const call: DiscordCall = { method: c.req.method, path, body, headers: Object.fromEntries(c.req.raw.headers), status: 0, at: Date.now() };
    calls.push(call);
    const bucket = createHash('sha1').update(`${c.req.method} ${path.replace(/\d{5,}/g, ':id')}`).digest('hex').slice(0, 16);
    const fault = faults.take(c.req.method, path);
    if (fault) c.res = faultResponse(fault, bucket);
    else if (!TOKEN_IN_PATH.test(path) && c.req.header('authorization') !== `Bot ${world.botToken}`) c.res = errorResponse(unauthorized());
    else await next();
    call.status = c.res.status;
    if (!c.res.headers.has('x-ratelimit-bucket')) {
      c.res.headers.set('x-ratelimit-limit', '5');
      c.res.headers.set('x-ratelimit-remaining', '4');
      c.res.headers.set('x-ratelimit-reset-after', '1.000');
      c.res.headers.set('x-ratelimit-bucket', bucket);
    }
  });
  app.onError((error) => {
    if (error instanceof DiscordError) return errorResponse(error);
    throw error;
  });

  app.get('/guilds/:guild', (c) => {
    if (c.req.param('guild') !== world.guildId) throw new DiscordError(404, 10004, 'Unknown Guild');
    return c.json({ id: world.guildId, name: 'Agora consortium (fake)', preferred_locale: world.guildLocale });
  });

  app.post('/channels/:channel/messages', (c) => {
    const channel = c.req.param('channel');
    if (!world.channels.has(channel)) throw unknownChannel();
    const body = objectBody(c);
    const nonce = typeof body.nonce === 'string' || typeof body.nonce === 'number' ? String(body.nonce) : undefined;
    if (nonce && body.enforce_nonce === true) {
      const seen = world.nonces.get(`${channel}:${nonce}`);
      if (seen && Date.now() - seen.at < NONCE_WINDOW_MS) return c.json(world.messages.get(seen.messageId));
    }
    if (!body.content && !(Array.isArray(body.embeds) && body.embeds.length)) throw new DiscordError(400, 50006, 'Cannot send an empty message');
    const message: FakeMessage = {
      id: world.nextSnowflake(),
      channel_id: channel,
      author: { id: world.applicationId, username: 'Agora', bot: true },
      content: String(body.content ?? ''),
      embeds: (body.embeds as unknown[]) ?? [],
      components: (body.components as unknown[]) ?? [],
      allowed_mentions: body.allowed_mentions,
      nonce,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
    };
    world.messages.set(message.id, message);
    if (nonce) world.nonces.set(`${channel}:${nonce}`, { messageId: message.id, at: Date.now() });
    return c.json(message);
  });

  app.get('/channels/:channel/messages/:message', (c) => c.json(messageIn(world, c.req.param('channel'), c.req.param('message'))));

  app.patch('/channels/:channel/messages/:message', (c) => {
    const message = messageIn(world, c.req.param('channel'), c.req.param('message'));
    const body = objectBody(c);
    world.edits.set(message.id, [...(world.edits.get(message.id) ?? []), body]);
    for (const field of ['content', 'embeds', 'components', 'allowed_mentions'] as const) if (field in body) (message as Record<string, unknown>)[field] = body[field];
    message.edited_timestamp = new Date().toISOString();
    return c.json(message);
  });

  app.post('/channels/:channel/messages/:message/threads', (c) => {
    const message = messageIn(world, c.req.param('channel'), c.req.param('message'));
    if (world.threads.has(message.id)) throw new DiscordError(400, 160004, 'A thread has already been created for this message');
    const name = String(objectBody(c).name ?? '').slice(0, 100);
    if (!name) throw new DiscordError(400, 50035, 'Invalid Form Body: name is required');
    const thread = { id: message.id, name, parent_id: message.channel_id, type: 11 as const };
    world.threads.set(thread.id, thread);
    world.channels.add(thread.id);
    return c.json(thread, 201);
  });

  app.post('/interactions/:interaction/:token/callback', (c) => {
    const id = c.req.param('interaction');
    const earlier = world.interactionResponses.get(id) ?? [];
    if (earlier.length) throw new DiscordError(400, 40060, 'Interaction has already been acknowledged.');
    world.interactionResponses.set(id, [objectBody(c)]);
    return c.body(null, 204);
  });

  // Follow-ups and edits through the interaction token: recorded per token. With the HTTP transport
  // the first answer goes back in Discord's own response, so no callback reaches the fake: any token is taken.
  const webhook = (c: Context<Env>, answer: () => Response) => {
    const token = c.req.param('token')!;
    const path = new URL(c.req.url).pathname.replace(/^\/api\/v10/, '');
    world.webhookCalls.set(token, [...(world.webhookCalls.get(token) ?? []), { method: c.req.method, path, body: c.get('body') }]);
    return answer();
  };
  const webhookMessage = (c: Context<Env>) => ({ id: c.req.param('message') === '@original' ? `original-${c.req.param('token')!.slice(0, 8)}` : (c.req.param('message') ?? world.nextSnowflake()), ...objectBody(c) });
  app.patch('/webhooks/:app/:token/messages/:message', (c) => webhook(c, () => c.json(webhookMessage(c))));
  app.delete('/webhooks/:app/:token/messages/:message', (c) => webhook(c, () => c.body(null, 204)));
  app.post('/webhooks/:app/:token', (c) => webhook(c, () => c.json({ ...webhookMessage(c), id: world.nextSnowflake() })));

  const commandsOf = (scope: string) => world.commands.get(scope) ?? [];
  const overwrite = (c: Context<Env>, scope: string) => {
    const body = c.get('body');
    if (!Array.isArray(body)) throw new DiscordError(400, 50035, 'Invalid Form Body: expected an array of commands');
    const commands = body.map((command) => ({ id: world.nextSnowflake(), application_id: world.applicationId, version: world.nextSnowflake(), ...(command as object) }));
    world.commands.set(scope, commands);
    return c.json(commands);
  };
  const ownApplication = (c: Context<Env>) => {
    if (c.req.param('app') !== world.applicationId) throw new DiscordError(404, 10002, 'Unknown Application');
  };
  app.get('/applications/:app/commands', (c) => (ownApplication(c), c.json(commandsOf('global'))));
  app.put('/applications/:app/commands', (c) => (ownApplication(c), overwrite(c, 'global')));
  app.get('/applications/:app/guilds/:guild/commands', (c) => (ownApplication(c), c.json(commandsOf(c.req.param('guild')))));
  app.put('/applications/:app/guilds/:guild/commands', (c) => (ownApplication(c), overwrite(c, c.req.param('guild'))));

  app.notFound(() => errorResponse(new DiscordError(404, 0, '404: Not Found')));
  return app;
}

function objectBody(c: Context<Env>): Record<string, unknown> {
  const body = c.get('body');
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new DiscordError(400, 50109, 'The request body contains invalid JSON.');
  return body as Record<string, unknown>;
}

function messageIn(world: DiscordWorld, channel: string, id: string): FakeMessage {
  if (!world.channels.has(channel)) throw unknownChannel();
  const message = world.messages.get(id);
  if (!message || message.channel_id !== channel) throw unknownMessage();
  return message;
}

function errorResponse(error: DiscordError): Response {
  return Response.json({ message: error.message, code: error.code }, { status: error.status });
}
