import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, verify } from 'node:crypto';
import { certificateRequest } from './csr';
import { isLowS, lowSEcdsaSign } from './der';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

describe('certificateRequest', () => {
  it('builds a CSR that openssl parses and verifies, with the CN and the public key', () => {
    const pem = certificateRequest('permit-portal.registry', privateKey, publicKey);
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----\n[A-Za-z0-9+/=\n]+\n-----END CERTIFICATE REQUEST-----\n$/);
    const text = execFileSync('openssl', ['req', '-noout', '-verify', '-subject', '-pubkey'], { input: pem, stdio: 'pipe' }).toString();
    expect(text).toMatch(/subject=\s*CN\s*=\s*permit-portal\.registry/);
    expect(text).toContain(publicKey.export({ type: 'spki', format: 'pem' }).toString().trim());
  });
});

describe('lowSEcdsaSign', () => {
  it('signs verifiably, always with a low S', () => {
    for (let i = 0; i < 40; i += 1) {
      const data = Buffer.from(`payload ${i}`);
      const signature = lowSEcdsaSign(privateKey, data);
      expect(verify('sha256', data, publicKey, signature)).toBe(true);
      expect(isLowS(signature)).toBe(true);
    }
  });
});
