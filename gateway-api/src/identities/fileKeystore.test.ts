import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileKeystore } from './fileKeystore';
import { IdentityError } from './identityStore';

let root: string;
let store: FileKeystore;

function enroll(user: string, mode: number, key?: string): void {
  const msp = path.join(root, user, 'msp');
  mkdirSync(path.join(msp, 'signcerts'), { recursive: true });
  mkdirSync(path.join(msp, 'keystore'), { recursive: true });
  writeFileSync(path.join(msp, 'signcerts', 'cert.pem'), `certificate of ${user}`);
  const pem = key ?? generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const keyFile = path.join(msp, 'keystore', 'key.pem');
  writeFileSync(keyFile, pem);
  chmodSync(keyFile, mode);
}

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'gateway-keystore-'));
  enroll('clerk1', 0o600);
  enroll('reader', 0o400);
  enroll('leaky', 0o644);
  enroll('groupy', 0o640);
  enroll('garbled', 0o600, 'not a key');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  store = new FileKeystore({ mspId: 'RegistryMSP', clientDir: (user) => path.join(root, user) });
});

describe('FileKeystore', () => {
  it('reads an enrolled identity', async () => {
    const identity = await store.get('clerk1');
    expect(identity.mspId).toBe('RegistryMSP');
    expect(Buffer.from(identity.credentials).toString()).toBe('certificate of clerk1');
    expect(identity.privateKey.asymmetricKeyType).toBe('ec');
    expect(await store.get('clerk1')).toBe(identity);
  });

  it('signs with a renewed certificate once renew rewrote it on disk, without a restart', async () => {
    enroll('renewed', 0o600);
    const before = await store.get('renewed');
    expect(await store.get('renewed')).toBe(before);
    const certFile = path.join(root, 'renewed', 'msp', 'signcerts', 'cert.pem');
    writeFileSync(certFile, 'renewed certificate');
    // Another mtime whatever the file system's timestamp resolution.
    utimesSync(certFile, new Date(), new Date(Date.now() + 60_000));
    const after = await store.get('renewed');
    expect(Buffer.from(after.credentials).toString()).toBe('renewed certificate');
  });

  it('accepts a key tighter than 0600', async () => {
    await expect(store.get('reader')).resolves.toMatchObject({ user: 'reader' });
  });

  it.each([
    ['leaky', /mode 0644.*0600 or tighter/],
    ['groupy', /mode 0640/],
    ['garbled', /not a readable private key/],
    ['nobody', /no private key .* is the user enrolled/],
    ['../etc', /not a valid identity name/],
  ])('refuses %s', async (user, message) => {
    const result = store.get(user);
    await expect(result).rejects.toBeInstanceOf(IdentityError);
    await expect(result).rejects.toThrow(message);
  });
});

describe('FileKeystore.store and remove', () => {
  const pem = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const record = { enrollmentId: 'portal.registry', enrolledAt: '2026-01-01T00:00:00.000Z' };

  it('writes an identity whole, key 0600 and folders 0700, that get() then finds without a restart', async () => {
    await expect(store.get('portal')).rejects.toThrow(/is the user enrolled/);
    await store.store('portal', { certificate: 'certificate of portal', privateKey: pem(), record });
    const identity = await store.get('portal');
    expect(Buffer.from(identity.credentials).toString()).toBe('certificate of portal');
    const msp = path.join(root, 'portal', 'msp');
    expect(statSync(path.join(msp, 'keystore', 'key.pem')).mode & 0o777).toBe(0o600);
    for (const dir of ['', 'msp', 'msp/keystore', 'msp/signcerts']) expect(statSync(path.join(root, 'portal', dir)).mode & 0o777).toBe(0o700);
    expect(await store.record('portal')).toEqual(record);
    // No temporary folder is left behind.
    expect(readdirSync(root).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('refuses to overwrite an identity, and leaves it as it was', async () => {
    await expect(store.store('clerk1', { certificate: 'forged', privateKey: pem(), record })).rejects.toThrow(/already exists/);
    expect(Buffer.from((await store.get('clerk1')).credentials).toString()).toBe('certificate of clerk1');
    expect(readdirSync(root).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('removes only identities it stored', async () => {
    await expect(store.remove('clerk1')).rejects.toThrow(/not enrolled by the gateway/);
    expect(existsSync(path.join(root, 'clerk1', 'msp', 'keystore', 'key.pem'))).toBe(true);
    await store.get('portal');
    await store.remove('portal');
    expect(existsSync(path.join(root, 'portal'))).toBe(false);
    await expect(store.get('portal')).rejects.toBeInstanceOf(IdentityError);
    expect(await store.record('portal')).toBeUndefined();
  });

  it('refuses names that could leave the keystore', async () => {
    await expect(store.store('../x', { certificate: 'c', privateKey: pem(), record })).rejects.toThrow(/not a valid identity name/);
    await expect(store.exists('a/b')).rejects.toBeInstanceOf(IdentityError);
  });
});
