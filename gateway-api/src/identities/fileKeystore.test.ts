import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
