import { hash } from 'node:crypto';

/**
 * The digest of free text that goes into the public ledger: `sha256(salt + text)`, hex, with a
 * fresh 128-bit salt (hex) per text. An unsalted digest of a short comment ("approved", "ok, see
 * ticket 12") can be confirmed by anyone who guesses it; with the salt kept off the ledger (beside
 * the text, for those who may see it) guessing is useless, while the text's holder proves it by
 * showing text and salt. Erasing the text and its salt leaves the chain intact.
 */
export type SaltedDigest = { digest: string; salt: string };

/** How the ledger names the scheme, so that older unsalted digests are told apart. */
export const SALTED_DIGEST_SCHEME = 'sha256(salt+text)';

/** `salt`: 16 random bytes as hex, drawn by the caller (the domain draws no randomness). */
export function saltedDigest(text: string, salt: string): SaltedDigest {
  return { digest: hash('sha256', salt + text, 'hex'), salt };
}

/** True when `text` with `salt` is what `digest` records. */
export function provesText(digest: string, text: string, salt: string): boolean {
  return saltedDigest(text, salt).digest === digest;
}
