// Discord signs each HTTP interaction with the application's Ed25519 key: the signature
// covers timestamp + raw body and travels hex-encoded in X-Signature-Ed25519, the timestamp in
// X-Signature-Timestamp (interactions/overview). The fake holds its own key pair and shows the
// public key the way the developer portal does: 64 hex characters of the raw 32-byte key.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface SignatureHeaders {
  'x-signature-ed25519': string;
  'x-signature-timestamp': string;
}

export interface InteractionSigner {
  publicKeyHex: string;
  /** Signs `timestamp + body`; the timestamp defaults to now in Unix seconds, as Discord sends it. */
  sign(body: string, timestamp?: string): SignatureHeaders;
}

export function createInteractionSigner(): InteractionSigner {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyHex: rawPublicKeyHex(publicKey),
    sign(body, timestamp = String(Math.floor(Date.now() / 1000))) {
      const signature = sign(null, Buffer.from(timestamp + body, 'utf8'), privateKey);
      return { 'x-signature-ed25519': signature.toString('hex'), 'x-signature-timestamp': timestamp };
    },
  };
}

function rawPublicKeyHex(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('Ed25519 public key without x');
  return Buffer.from(jwk.x, 'base64url').toString('hex');
}
