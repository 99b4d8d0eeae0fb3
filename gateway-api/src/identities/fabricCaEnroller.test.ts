import { createPublicKey, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeFabricCa, selfSigned } from '../testing/fakeFabricCa';
import { certificateInfo } from './certificate';
import { FabricCaClient, FabricCaError } from './fabricCaClient';
import { FabricCaEnroller } from './fabricCaEnroller';
import { FileKeystore } from './fileKeystore';
import { renewalDue, renewDueIdentities } from './identityRenewal';
import { IdentityError } from './identityStore';

jest.setTimeout(30_000);

let dir: string;
let ca: FakeFabricCa;
let keystore: FileKeystore;
let enroller: FabricCaEnroller;
const crlFile = () => path.join(dir, 'gateway', 'crl.pem');
const clientDir = (user: string) => path.join(dir, 'clients', user);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gateway-enroller-'));
  ca = await FakeFabricCa.start(dir);
  keystore = new FileKeystore({ mspId: 'RegistryMSP', clientDir });
  enroller = new FabricCaEnroller({
    ca: new FabricCaClient({ url: ca.url }),
    registrar: async () => ca.registrar,
    keystore,
    enrollmentId: (user) => `${user}.registry`,
    crlFile: crlFile(),
    now: () => new Date('2026-01-02T03:04:05Z'),
  });
});
afterAll(async () => {
  await ca.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('FabricCaEnroller', () => {
  it('registers a client with city.role in its certificate and a one-time random secret', async () => {
    const secret = await enroller.register({ user: 'permit-portal', role: 'clerk' });
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(ca.identities.get('permit-portal.registry')).toMatchObject({
      type: 'client',
      secret,
      attrs: [{ name: 'city.role', value: 'clerk', ecert: true }],
    });
    expect(await enroller.register({ user: 'other', role: 'clerk' })).not.toBe(secret);
  });

  it('enrolls with a key made here and stores it 0600 in folders 0700', async () => {
    const secret = ca.identities.get('permit-portal.registry')?.secret ?? '';
    const identity = await enroller.enroll('permit-portal', secret);
    expect(identity.mspId).toBe('RegistryMSP');
    const cert = certificateInfo(identity.credentials);
    expect(cert.attrs['city.role']).toBe('clerk');
    expect(cert.subject).toContain('CN=permit-portal.registry');
    // The stored key is the one the certificate certifies.
    const signature = sign('sha256', Buffer.from('x'), identity.privateKey);
    expect(verify('sha256', Buffer.from('x'), createPublicKey(Buffer.from(identity.credentials)), signature)).toBe(true);

    const msp = path.join(clientDir('permit-portal'), 'msp');
    expect(statSync(path.join(msp, 'keystore', 'key.pem')).mode & 0o777).toBe(0o600);
    for (const folder of [clientDir('permit-portal'), msp, path.join(msp, 'keystore')]) expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(await keystore.record('permit-portal')).toEqual({ enrollmentId: 'permit-portal.registry', enrolledAt: '2026-01-02T03:04:05.000Z' });
    // The CA saw only the request, never a private key.
    expect(JSON.stringify(ca.requests)).not.toContain('PRIVATE');
  });

  it('cannot enroll twice with the same secret', async () => {
    const secret = ca.identities.get('permit-portal.registry')?.secret ?? '';
    await expect(enroller.enroll('permit-portal', secret)).rejects.toMatchObject({ name: 'FabricCaError', status: 401 });
  });

  it('answers the CA refusals as FabricCaError with its code', async () => {
    await expect(enroller.register({ user: 'permit-portal', role: 'clerk' })).rejects.toMatchObject({ status: 409, code: 74 });
    const impostor = selfSigned(dir, 'impostor');
    const wrong = new FabricCaEnroller({
      ca: new FabricCaClient({ url: ca.url }),
      registrar: async () => ({ credentials: Buffer.from(impostor.certificate), privateKey: impostor.privateKey }),
      keystore,
      enrollmentId: (user) => `${user}.registry`,
    });
    await expect(wrong.register({ user: 'sneaky', role: 'clerk' })).rejects.toMatchObject({ status: 401, code: 71 });
    expect(ca.identities.has('sneaky.registry')).toBe(false);
  });

  it('reports an unreachable CA with status 0', async () => {
    const down = new FabricCaEnroller({
      ca: new FabricCaClient({ url: 'http://127.0.0.1:1' }),
      registrar: async () => ca.registrar,
      keystore,
      enrollmentId: (user) => `${user}.registry`,
    });
    const result = down.register({ user: 'x', role: 'clerk' });
    await expect(result).rejects.toBeInstanceOf(FabricCaError);
    await expect(result).rejects.toMatchObject({ status: 0 });
  });

  it('renews a stored identity with a new key, authenticated by its current certificate, once two thirds of its life passed', async () => {
    const before = await keystore.get('permit-portal');
    const { notBefore, notAfter } = certificateInfo(before.credentials);
    const span = Date.parse(notAfter) - Date.parse(notBefore);
    expect(renewalDue(before.credentials, new Date(Date.parse(notBefore) + span / 2))).toBe(false);
    const due = new Date(Date.parse(notBefore) + span * 0.7);
    expect(renewalDue(before.credentials, due)).toBe(true);
    expect(await keystore.stored()).toEqual(['permit-portal']);

    expect(await renewDueIdentities(keystore, enroller, new Date(Date.parse(notBefore) + span / 2))).toEqual([]);
    expect(await renewDueIdentities(keystore, enroller, due)).toEqual(['permit-portal']);
    const after = await keystore.get('permit-portal');
    expect(Buffer.from(after.credentials).equals(Buffer.from(before.credentials))).toBe(false);
    expect(certificateInfo(after.credentials).attrs['city.role']).toBe('clerk');
    const signature = sign('sha256', Buffer.from('x'), after.privateKey);
    expect(verify('sha256', Buffer.from('x'), createPublicKey(Buffer.from(after.credentials)), signature)).toBe(true);
    expect(verify('sha256', Buffer.from('x'), createPublicKey(Buffer.from(before.credentials)), signature)).toBe(false);
    expect(statSync(path.join(clientDir('permit-portal'), 'msp', 'keystore', 'key.pem')).mode & 0o777).toBe(0o600);
    expect(ca.requests.filter((r) => r.endpoint === '/api/v1/reenroll')).toEqual([{ endpoint: '/api/v1/reenroll', caller: 'permit-portal.registry' }]);
  });

  it('refuses to renew an identity it did not enroll, and the CA refuses a foreign certificate', async () => {
    await expect(enroller.renew('clerk1')).rejects.toThrow(/not enrolled by this gateway/);
    const impostor = selfSigned(dir, 'permit-portal.registry');
    await expect(new FabricCaClient({ url: ca.url }).reenroll({ credentials: Buffer.from(impostor.certificate), privateKey: impostor.privateKey }, 'csr')).rejects.toMatchObject({ status: 401 });
    const failures: string[] = [];
    const broken = { renew: async () => Promise.reject(new Error('CA down')) };
    expect(await renewDueIdentities(keystore, broken, new Date(Date.now() + 10 * 86_400_000), (user) => failures.push(user))).toEqual([]);
    expect(failures).toEqual(['permit-portal']);
  });

  it('revokes at the CA with the reason, keeps the CRL and deletes the identity', async () => {
    await enroller.revoke('permit-portal', 'keyCompromise');
    expect(ca.identities.get('permit-portal.registry')?.revoked).toBe('keycompromise');
    expect(readFileSync(crlFile(), 'utf8')).toContain('BEGIN X509 CRL');
    await expect(keystore.get('permit-portal')).rejects.toBeInstanceOf(IdentityError);
    await expect(keystore.exists('permit-portal')).resolves.toBe(false);
  });

  it('refuses to revoke an identity it did not enroll', async () => {
    await expect(enroller.revoke('clerk1', 'superseded')).rejects.toThrow(/not enrolled by this gateway/);
    expect(ca.requests.filter((r) => r.endpoint === '/api/v1/revoke')).toHaveLength(1);
  });
});
