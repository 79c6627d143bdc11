import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSignatureVerifier } from '../../src/discord/verify-signature.ts';

describe('interaction signatures', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  const verify = createSignatureVerifier(publicKeyHex);
  const body = Buffer.from('{"type":1}');
  const timestamp = '1795700000';
  const signature = sign(null, Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString('hex');

  it('accepts what the key signed and nothing else', () => {
    expect(verify(timestamp, signature, body)).toBe(true);
    expect(verify('1795700001', signature, body)).toBe(false);
    expect(verify(timestamp, signature, Buffer.from('{"type":2}'))).toBe(false);
    expect(verify(timestamp, `${signature.slice(0, -2)}00`, body)).toBe(false);
    expect(verify(timestamp, 'zz', body)).toBe(false);
    expect(verify(undefined, signature, body)).toBe(false);
    expect(verify(timestamp, undefined, body)).toBe(false);
    const other = generateKeyPairSync('ed25519');
    const forged = sign(null, Buffer.concat([Buffer.from(timestamp), body]), other.privateKey).toString('hex');
    expect(verify(timestamp, forged, body)).toBe(false);
  });
});
