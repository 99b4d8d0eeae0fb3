import { generateKeyPairSync, sign } from 'node:crypto';
import { isLowS, lowSEcdsaSign, verifyLowSEcdsa } from './ecdsa';

const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** The same signature with S replaced by n - S: valid ECDSA, but high when the original was low. */
function flipS(signature: Buffer): Buffer {
  const rLength = signature[3] as number;
  const r = signature.subarray(4, 4 + rLength);
  const s = BigInt(`0x${signature.subarray(6 + rLength).toString('hex')}`);
  let hex = (P256_ORDER - s).toString(16).padStart(64, '0');
  if (Number.parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  const sBytes = Buffer.from(hex, 'hex');
  const body = Buffer.concat([Buffer.from([0x02, r.length]), r, Buffer.from([0x02, sBytes.length]), sBytes]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

describe('low-S ECDSA', () => {
  it.each(['P-256', 'P-384'])('signs verifiably on %s, always with a low S', (namedCurve) => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
    for (let i = 0; i < 20; i += 1) {
      const data = Buffer.from(`payload ${i}`);
      const signature = lowSEcdsaSign(privateKey, data);
      expect(verifyLowSEcdsa(publicKey, data, signature)).toBe(true);
    }
  });

  it('refuses the high-S twin of a valid signature, another key and garbage', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const data = Buffer.from('block header');
    const signature = lowSEcdsaSign(privateKey, data);
    expect(isLowS(signature)).toBe(true);
    expect(isLowS(flipS(signature))).toBe(false);
    expect(verifyLowSEcdsa(publicKey, data, flipS(signature))).toBe(false);
    expect(verifyLowSEcdsa(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey, data, signature)).toBe(false);
    expect(verifyLowSEcdsa(publicKey, data, Buffer.from('not a signature'))).toBe(false);
    expect(verifyLowSEcdsa(publicKey, data, Buffer.alloc(0))).toBe(false);
  });

  it('refuses keys that are not on a curve Fabric uses', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    expect(() => lowSEcdsaSign(privateKey, Buffer.from('x'))).toThrow(TypeError);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(verifyLowSEcdsa(rsa.publicKey, Buffer.from('x'), sign('sha256', Buffer.from('x'), rsa.privateKey))).toBe(false);
  });
});
