import type { TokenScope } from '../domain/vocabulary.ts';
import type { Actor } from './context.ts';
import { AppError } from './errors.ts';

/** True when the actor may act with `scope`. The console (system) may do anything; `admin` implies all. */
export function hasScope(actor: Actor, scope: TokenScope): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'token') return false;
  return actor.scopes.includes('admin') || actor.scopes.includes(scope);
}

/** Fails closed: anonymous callers get `unauthorized`, tokens without the scope `forbidden`. */
export function requireScope(actor: Actor, scope: TokenScope): void {
  if (hasScope(actor, scope)) return;
  if (actor.kind === 'anonymous')
    throw new AppError('unauthorized', 'This action needs a bearer token (Authorization: Bearer …).');
  throw new AppError('forbidden', `This action needs a token with the "${scope}" scope.`, { scope });
}

/**
 * True when the actor may act as a person or a requester (file, comment, transition): the console,
 * a member a bot recognised, or a token with the `write` scope. A member's token with only
 * `reporter` or `confidential` does not act for the member.
 */
export function mayActInPerson(actor: Actor): boolean {
  if (actor.kind === 'system' || actor.kind === 'member' || actor.kind === 'requester') return true;
  return actor.kind === 'token' && hasScope(actor, 'write');
}
