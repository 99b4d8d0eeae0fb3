import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { certificateRequest } from './csr';

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
