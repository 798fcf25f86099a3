import type { Logger } from '../logger.ts';
import type { Actor, ServiceContext } from '../services/context.ts';

/** The Hono environment every sub-app shares: who is asking and the services' world. */
export type AppEnv = {
  Variables: {
    actor: Actor;
    services: ServiceContext;
    logger: Logger;
    requestId: string;
    /** Aborted when the hub shuts down, so long-lived answers (event streams) end. */
    closing: AbortSignal;
    /** The hub's PUBLIC_URL, for absolute links in answers (never the request's own Host). */
    publicUrl: string;
  };
};
