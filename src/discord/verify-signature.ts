// Discord signs every HTTP interaction with the application's Ed25519 key over
// `timestamp + raw body`. Discord also sends deliberately bad signatures to check that we
// refuse them; an endpoint that accepts one is removed.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

// The DER prefix of an Ed25519 SubjectPublicKeyInfo; Discord shows the bare 32-byte key.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export type SignatureVerifier = (timestamp: string | undefined, signature: string | undefined, body: Buffer) => boolean;

export function createSignatureVerifier(publicKeyHex: string): SignatureVerifier {
  const key: KeyObject = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]), format: 'der', type: 'spki' });
  return (timestamp, signature, body) => {
    if (!timestamp || !signature || !/^[0-9a-fA-F]{128}$/.test(signature)) return false;
    try {
      return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
    } catch {
      return false;
    }
  };
}
