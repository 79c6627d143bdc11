import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSignatureVerifier } from '../../src/discord/verify-signature.ts';

describe('interaction signatures', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  const NOW_S = 1_795_700_000;
  const verify = createSignatureVerifier(publicKeyHex, { now: () => NOW_S * 1000 });
  const body = Buffer.from('{"type":1}');
  const signedAt = (timestamp: string) => sign(null, Buffer.concat([Buffer.from(timestamp), body]), privateKey).toString('hex');
  const timestamp = String(NOW_S);
  const signature = signedAt(timestamp);

  it('accepts what the key signed and nothing else', () => {
    expect(verify(timestamp, signature, body)).toBe(true);
    expect(verify(String(NOW_S + 1), signature, body)).toBe(false);
    expect(verify(timestamp, signature, Buffer.from('{"type":2}'))).toBe(false);
    // Another last byte (the keys are random: the signature may well end in 00 already).
    expect(verify(timestamp, `${signature.slice(0, -2)}${signature.endsWith('00') ? '01' : '00'}`, body)).toBe(false);
    expect(verify(timestamp, 'zz', body)).toBe(false);
    expect(verify(undefined, signature, body)).toBe(false);
    expect(verify(timestamp, undefined, body)).toBe(false);
    const other = generateKeyPairSync('ed25519');
    const forged = sign(null, Buffer.concat([Buffer.from(timestamp), body]), other.privateKey).toString('hex');
    expect(verify(timestamp, forged, body)).toBe(false);
  });

  it.each([
    { when: '4:59 ago', offsetS: -299, accepted: true },
    { when: 'exactly 5 minutes ago', offsetS: -300, accepted: true },
    { when: '5:01 ago', offsetS: -301, accepted: false },
    { when: 'an hour ago', offsetS: -3600, accepted: false },
    { when: '4:59 ahead', offsetS: 299, accepted: true },
    { when: '5:01 ahead', offsetS: 301, accepted: false },
  ])('a correct signature from $when: accepted $accepted', ({ offsetS, accepted }) => {
    const at = String(NOW_S + offsetS);
    expect(verify(at, signedAt(at), body)).toBe(accepted);
  });

  it('refuses timestamps that are not Unix seconds, even when signed', () => {
    for (const at of [`${NOW_S}.5`, `+${NOW_S}`, '', 'now', `${NOW_S}000000`]) expect(verify(at, signedAt(at), body)).toBe(false);
  });
});
