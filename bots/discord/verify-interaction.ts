import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The DER prefix of an Ed25519 public key in SPKI form: Discord hands out the bare 32 bytes, in hex. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Discord's public key as a key object; throws on anything but 64 hex digits (a setting error, found at start-up). */
export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('DISCORD_PUBLIC_KEY: expected the application’s public key, 64 hex digits');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

export type SignatureCheck = 'valid' | 'missing' | 'bad' | 'stale';

/** Older (or further ahead) than this, a signed interaction is a replay, not a new one. */
const MAX_SKEW_SECONDS = 5 * 60;

/**
 * Checks an interaction as Discord signs it: Ed25519 over the timestamp header followed by the raw
 * body. Checked before the body is parsed; a timestamp far from now is refused even when signed,
 * so a recorded interaction cannot be played again later.
 */
export function checkInteractionSignature(key: KeyObject, headers: { signature: string | undefined; timestamp: string | undefined }, rawBody: Buffer, now: Date): SignatureCheck {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return 'missing';
  if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return 'bad';
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]);
  if (!verify(null, signed, key, Buffer.from(signature, 'hex'))) return 'bad';
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return 'stale';
  return 'valid';
}
