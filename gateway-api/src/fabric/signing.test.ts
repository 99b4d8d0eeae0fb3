import { generateKeyPairSync, verify } from 'node:crypto';
import { p256Signer } from './signing';

/** Reads the S of a DER ECDSA signature. */
function sOf(der: Uint8Array): bigint {
  const buf = Buffer.from(der);
  const rLength = buf[3] ?? 0;
  const sLength = buf[4 + rLength + 1] ?? 0;
  return BigInt(`0x${buf.subarray(4 + rLength + 2, 4 + rLength + 2 + sLength).toString('hex')}`);
}

const HALF_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n >> 1n;

describe('p256Signer', () => {
  test('a P-256 key signs the whole message natively: DER signatures that verify, every one low-S', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const signer = p256Signer(privateKey);
    if (!signer) throw new Error('a P-256 key has a native signer');
    // Half of raw ECDSA signatures are high-S; 64 unnormalised ones would all be low with chance 2^-64.
    for (let i = 0; i < 64; i++) {
      const message = Buffer.from(`proposal ${i}`);
      const signature = await signer(message);
      expect(verify('sha256', message, publicKey, signature)).toBe(true);
      expect(sOf(signature) <= HALF_ORDER).toBe(true);
    }
  });

  test("another curve has none (the connection keeps fabric-gateway's signer)", () => {
    expect(p256Signer(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey)).toBeUndefined();
    expect(p256Signer(generateKeyPairSync('ed25519').privateKey)).toBeUndefined();
  });
});
