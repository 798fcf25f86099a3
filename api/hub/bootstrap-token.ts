import { systemActor, type ServiceContext } from '../services/context.ts';
import { countActiveTokens, createToken } from '../services/tokens.ts';

/**
 * On a hub with no usable token, issues one admin token and returns its secret to be shown once.
 * There is no default credential: the secret is random, and only its hash is stored.
 */
export async function issueBootstrapToken(services: ServiceContext): Promise<string | null> {
  if ((await countActiveTokens(services)) > 0) return null;
  const { secret } = await createToken(services, {
    actor: systemActor('bootstrap'),
    input: { name: 'first admin token (issued at first start)', scopes: ['admin'] },
  });
  return secret;
}
