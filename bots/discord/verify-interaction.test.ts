import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkInteractionSignature, discordPublicKey } from './verify-interaction.ts';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const hex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
const key = discordPublicKey(hex);
const now = new Date('2026-12-03T12:00:00Z');
const timestamp = String(now.getTime() / 1000);
const body = Buffer.from('{"type":1,"id":"1","token":"t"}');
const signatureOf = (ts: string, raw: Buffer) => sign(null, Buffer.concat([Buffer.from(ts), raw]), privateKey).toString('hex');

describe('checkInteractionSignature (Ed25519 over timestamp + raw body)', () => {
  it('accepts what the key signed, now', () => {
    expect(checkInteractionSignature(key, { signature: signatureOf(timestamp, body), timestamp }, body, now)).toBe('valid');
  });

  it('refuses a body changed by one byte, another timestamp, another key and garbage', () => {
    const signature = signatureOf(timestamp, body);
    expect(checkInteractionSignature(key, { signature, timestamp }, Buffer.from(body.toString().replace('"1"', '"2"')), now)).toBe('bad');
    expect(checkInteractionSignature(key, { signature, timestamp: String(Number(timestamp) + 1) }, body, now)).toBe('bad');
    const other = generateKeyPairSync('ed25519').privateKey;
    expect(checkInteractionSignature(key, { signature: sign(null, Buffer.concat([Buffer.from(timestamp), body]), other).toString('hex'), timestamp }, body, now)).toBe('bad');
    expect(checkInteractionSignature(key, { signature: 'zz'.repeat(64), timestamp }, body, now)).toBe('bad');
    expect(checkInteractionSignature(key, { signature: signature.slice(2), timestamp }, body, now)).toBe('bad');
  });

  it('refuses a signed interaction more than five minutes old (or ahead): a replay', () => {
    const old = String(Number(timestamp) - 301);
    expect(checkInteractionSignature(key, { signature: signatureOf(old, body), timestamp: old }, body, now)).toBe('stale');
    const ahead = String(Number(timestamp) + 301);
    expect(checkInteractionSignature(key, { signature: signatureOf(ahead, body), timestamp: ahead }, body, now)).toBe('stale');
    const recent = String(Number(timestamp) - 299);
    expect(checkInteractionSignature(key, { signature: signatureOf(recent, body), timestamp: recent }, body, now)).toBe('valid');
  });

  it('says which header is missing rather than guessing', () => {
    expect(checkInteractionSignature(key, { signature: undefined, timestamp }, body, now)).toBe('missing');
    expect(checkInteractionSignature(key, { signature: signatureOf(timestamp, body), timestamp: undefined }, body, now)).toBe('missing');
  });

  it('refuses a public key that is not 64 hex digits when the hub starts', () => {
    expect(() => discordPublicKey('abc')).toThrow(/64 hex digits/);
  });
});
