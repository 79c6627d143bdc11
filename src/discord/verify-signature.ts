// Discord signs every HTTP interaction with the application's Ed25519 key over
// `timestamp + raw body`. Discord also sends deliberately bad signatures to check that we
// refuse them; an endpoint that accepts one is removed. A signature never expires on its own,
// so a request recorded once could be sent again at any time: the signed timestamp must also
// be close to our clock (and the replay guard remembers what was already received).
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

// The DER prefix of an Ed25519 SubjectPublicKeyInfo; Discord shows the bare 32-byte key.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** How far a signed timestamp may be from our clock, either way (clocks drift both ways). */
export const SIGNATURE_MAX_SKEW_MS = 5 * 60_000;

export type SignatureVerifier = (timestamp: string | undefined, signature: string | undefined, body: Buffer) => boolean;

/** The signed timestamp (Unix seconds, as Discord sends it) in milliseconds, or undefined when it is not one. */
export function signedAtMs(timestamp: string | undefined): number | undefined {
  return timestamp && /^\d{1,12}$/.test(timestamp) ? Number(timestamp) * 1000 : undefined;
}

export function createSignatureVerifier(publicKeyHex: string, clock: { now(): number } = { now: Date.now }): SignatureVerifier {
  const key: KeyObject = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]), format: 'der', type: 'spki' });
  return (timestamp, signature, body) => {
    const signedAt = signedAtMs(timestamp);
    if (signedAt === undefined || !signature || !/^[0-9a-fA-F]{128}$/.test(signature)) return false;
    if (Math.abs(clock.now() - signedAt) > SIGNATURE_MAX_SKEW_MS) return false;
    try {
      return verify(null, Buffer.concat([Buffer.from(timestamp!, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
    } catch {
      return false;
    }
  };
}
