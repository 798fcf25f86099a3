import { createPublicKey, generateKeyPair, randomBytes, verify, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { GitHubError } from './github-error.ts';
import type { User } from './store/types.ts';

/** Who a request speaks for: the app itself (a JWT), one of its installations, or a user. */
export type Identity =
  | { kind: 'app' }
  | { kind: 'installation'; installationId: number; token: string }
  | { kind: 'user'; user: User; token: string };

export type AppKeys = { privateKey: string; publicKey: KeyObject };

let sharedKeys: Promise<AppKeys> | undefined;

/**
 * An RSA key pair for the fake app, PKCS#1 PEM like the keys GitHub hands out. Made once per
 * process: generating one takes longer than most of the tests that use it.
 */
export function generateAppKeys(): Promise<AppKeys> {
  sharedKeys ??= promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  }).then(({ privateKey, publicKey }) => ({ privateKey, publicKey: createPublicKey(publicKey) }));
  return sharedKeys;
}

/** GitHub's own wording, which @octokit/auth-app matches to correct clock skew. */
const JWT_UNDECODABLE = 'A JSON web token could not be decoded';
const JWT_EXPIRED = "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
const JWT_TOO_LONG = "'Expiration time' claim ('exp') is too far in the future";
const JWT_FUTURE_IAT = "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";
/** GitHub allows a JWT at most ten minutes of life, and some clock drift. */
const MAX_JWT_SECONDS = 600;
const DRIFT_SECONDS = 60;

/** Checks an app JWT: RS256, signed by the app's key, issued by the app (id or client id), in date. */
export function verifyAppJwt(jwt: string, app: { id: number; clientId: string }, publicKey: KeyObject): void {
  const parts = jwt.split('.');
  if (parts.length !== 3) throw unauthorized(JWT_UNDECODABLE);
  const [header, payload, signature] = parts as [string, string, string];
  const head = decodeJson(header);
  const claims = decodeJson(payload);
  if (head?.alg !== 'RS256' || !claims) throw unauthorized(JWT_UNDECODABLE);
  const signed = verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'));
  if (!signed || (String(claims.iss) !== String(app.id) && claims.iss !== app.clientId)) throw unauthorized(JWT_UNDECODABLE);
  const now = Math.floor(Date.now() / 1000);
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || !Number.isInteger(iat) || iat > now + DRIFT_SECONDS) throw unauthorized(JWT_FUTURE_IAT);
  if (typeof exp !== 'number' || exp <= now) throw unauthorized(JWT_EXPIRED);
  if (exp > now + MAX_JWT_SECONDS + DRIFT_SECONDS) throw unauthorized(JWT_TOO_LONG);
}

/** The 401 GitHub sends for a missing, unknown, revoked or expired credential. */
export function unauthorized(message = 'Bad credentials'): GitHubError {
  return new GitHubError(401, message);
}

type Issued = { kind: 'installation'; installationId: number; expiresAt: number } | { kind: 'user'; user: User };

export type TokenRegistry = {
  /** A fresh `ghs_` token for the installation, valid until `expiresAt` (epoch ms). */
  issueInstallationToken(installationId: number, expiresAt: number): string;
  /** A `ghp_` personal token that speaks for `user`. */
  issueUserToken(user: User): string;
  /** Makes every installation token issued so far fail with 401, as an expiry would. */
  revokeInstallationTokens(): void;
  /** The identity behind a non-JWT token, or 401 `Bad credentials`. */
  identify(token: string): Identity;
};

/** Tokens the fake has issued; anything else is refused. */
export function createTokenRegistry(): TokenRegistry {
  const tokens = new Map<string, Issued>();
  const mint = (prefix: string) => `${prefix}_${randomBytes(18).toString('hex')}`;
  return {
    issueInstallationToken(installationId, expiresAt) {
      const token = mint('ghs');
      tokens.set(token, { kind: 'installation', installationId, expiresAt });
      return token;
    },
    issueUserToken(user) {
      const token = mint('ghp');
      tokens.set(token, { kind: 'user', user });
      return token;
    },
    revokeInstallationTokens() {
      for (const [token, issued] of tokens) if (issued.kind === 'installation') tokens.delete(token);
    },
    identify(token) {
      const issued = tokens.get(token);
      if (!issued || (issued.kind === 'installation' && issued.expiresAt <= Date.now())) throw unauthorized();
      return issued.kind === 'user' ? { kind: 'user', user: issued.user, token } : { kind: 'installation', installationId: issued.installationId, token };
    },
  };
}

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
