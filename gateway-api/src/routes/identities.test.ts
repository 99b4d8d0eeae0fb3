import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { ApiKeyAuthenticator, hashApiKey } from '../auth/apiKeys';
import { FabricCaClient } from '../identities/fabricCaClient';
import { FabricCaEnroller } from '../identities/fabricCaEnroller';
import { FileKeystore } from '../identities/fileKeystore';
import { FakeFabricCa } from '../testing/fakeFabricCa';
import type { FakeLedgerClient } from '../testing/fakeLedgerClient';
import { testApp } from '../testing/testApp';
import { RESOURCES } from '.';
import { IDENTITY_ADMIN_ROLE, identitiesResource } from './identities';

// The fake CA signs with openssl, and the machine is shared: give each test time.
jest.setTimeout(30_000);

const ADMIN = { 'X-Api-Key': 'admin-key' };
const CLERK = { 'X-Api-Key': 'clerk-key' };

let dir: string;
let ca: FakeFabricCa;
let keysFile: string;

interface Gateway {
  app: Express;
  ledger: FakeLedgerClient;
  keystore: FileKeystore;
}

/** A gateway whose admin routes drive the fake CA, with the API key file and keystore on disk. */
function gateway(options: { readOnly?: boolean; caUrl?: string } = {}): Gateway {
  const apiKeys = ApiKeyAuthenticator.fromFile(keysFile);
  const keystore = new FileKeystore({ mspId: 'RegistryMSP', clientDir: (user) => path.join(dir, 'clients', user) });
  const enroller = new FabricCaEnroller({
    ca: new FabricCaClient({ url: options.caUrl ?? ca.url }),
    registrar: async () => ca.registrar,
    keystore,
    enrollmentId: (user) => `${user}.registry`,
    crlFile: path.join(dir, 'crl.pem'),
  });
  const { app, ledger } = testApp(
    { readOnly: options.readOnly ?? false },
    { authenticators: [apiKeys], resources: [...RESOURCES, identitiesResource({ enroller, keystore, apiKeys })] },
  );
  return { app, ledger, keystore };
}

const caCalls = () => ca.requests.length;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gateway-admin-'));
  ca = await FakeFabricCa.start(dir);
  keysFile = path.join(dir, 'api-keys.json');
  writeFileSync(
    keysFile,
    JSON.stringify({
      [hashApiKey('admin-key')]: { principal: 'it-desk', user: 'clerk1', roles: [IDENTITY_ADMIN_ROLE] },
      [hashApiKey('clerk-key')]: { principal: 'tax-system', user: 'clerk1', roles: ['clerk'] },
    }),
  );
  chmodSync(keysFile, 0o600);
  // An identity the network scripts issued: the admin routes must never touch it.
  const msp = path.join(dir, 'clients', 'clerk1', 'msp');
  mkdirSync(path.join(msp, 'keystore'), { recursive: true });
  mkdirSync(path.join(msp, 'signcerts'));
  writeFileSync(path.join(msp, 'keystore', 'key.pem'), generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(path.join(msp, 'signcerts', 'cert.pem'), 'script certificate');
});
afterAll(async () => {
  await ca.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /v1/admin/identities', () => {
  it('registers and enrolls the identity, and answers an API key that then acts as it', async () => {
    const { app, ledger, keystore } = gateway();
    const res = await request(app).post('/v1/admin/identities').set(ADMIN).send({ name: 'permit-portal', role: 'clerk' }).expect(201);
    expect(res.headers.location).toBe('/v1/admin/identities/permit-portal');
    expect(res.body).toMatchObject({ name: 'permit-portal', enrollmentId: 'permit-portal.registry', role: 'clerk', principal: 'permit-portal' });
    expect(res.body.certificate.attrs).toMatchObject({ 'city.role': 'clerk', 'hf.EnrollmentID': 'permit-portal.registry' });
    const apiKey = res.body.apiKey as string;
    expect(apiKey).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The key file holds only the hash, 0600; the private key is 0600 in the keystore.
    const file = readFileSync(keysFile, 'utf8');
    expect(file).not.toContain(apiKey);
    expect(JSON.parse(file)[hashApiKey(apiKey)]).toEqual({ principal: 'permit-portal', user: 'permit-portal', roles: ['clerk'] });
    expect(statSync(keysFile).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'clients', 'permit-portal', 'msp', 'keystore', 'key.pem')).mode & 0o777).toBe(0o600);
    expect((await keystore.get('permit-portal')).mspId).toBe('RegistryMSP');

    ledger.onEvaluate('getParcel', () => ({ id: 'P-1' }));
    await request(app).get('/v1/parcels/P-1').set('X-Api-Key', apiKey).expect(200);
    expect(ledger.calls[0]?.principal).toEqual({ id: 'permit-portal', user: 'permit-portal', roles: ['clerk'], via: 'api-key' });
    // A gateway started afterwards reads the key from the file.
    await request(gateway().app).get('/v1/admin/identities/permit-portal').set(ADMIN).expect(200);
  });

  it('names the principal when asked', async () => {
    const res = await request(gateway().app).post('/v1/admin/identities').set(ADMIN).send({ name: 'fleet', role: 'inspector', principal: 'fleet-dashboard' }).expect(201);
    expect(res.body).toMatchObject({ principal: 'fleet-dashboard', role: 'inspector' });
  });

  it.each([
    ['an unknown role', { name: 'a1', role: 'mayor' }],
    ['the admin city role', { name: 'a2', role: 'admin' }],
    ['a name with capitals', { name: 'Portal', role: 'clerk' }],
    ['a name with a path', { name: '../etc', role: 'clerk' }],
    ['a name starting with a digit', { name: '1portal', role: 'clerk' }],
    ['no role', { name: 'a3' }],
    ['an unknown field', { name: 'a4', role: 'clerk', admin: true }],
    ['a bad principal', { name: 'a5', role: 'clerk', principal: 'has space' }],
  ])('refuses %s with 400, and asks the CA nothing', async (_what, body) => {
    const before = caCalls();
    const res = await request(gateway().app).post('/v1/admin/identities').set(ADMIN).send(body).expect(400);
    expect(res.body.code).toBe('INVALID_ARGUMENT');
    expect(caCalls()).toBe(before);
  });

  it('answers 409 for a name taken, here or at the CA, and changes nothing', async () => {
    const { app } = gateway();
    const keys = readFileSync(keysFile, 'utf8');
    const before = caCalls();
    expect((await request(app).post('/v1/admin/identities').set(ADMIN).send({ name: 'permit-portal', role: 'registrar' }).expect(409)).body.code).toBe('CONFLICT');
    expect((await request(app).post('/v1/admin/identities').set(ADMIN).send({ name: 'clerk1', role: 'clerk' }).expect(409)).body.code).toBe('CONFLICT');
    expect(caCalls()).toBe(before);
    // Registered at the CA by someone else, unknown here:
    await new FabricCaClient({ url: ca.url }).register(ca.registrar, { id: 'taken.registry', type: 'client', secret: 's' });
    const res = await request(app).post('/v1/admin/identities').set(ADMIN).send({ name: 'taken', role: 'clerk' }).expect(409);
    expect(res.body).toMatchObject({ code: 'CONFLICT', detail: 'the CA already has an identity of that name' });
    expect(readFileSync(keysFile, 'utf8')).toBe(keys);
  });

  it('is for identity admins only', async () => {
    const before = caCalls();
    expect((await request(gateway().app).post('/v1/admin/identities').set(CLERK).send({ name: 'x1', role: 'clerk' }).expect(403)).body.code).toBe('FORBIDDEN');
    await request(gateway().app).post('/v1/admin/identities').send({ name: 'x1', role: 'clerk' }).expect(401);
    expect(caCalls()).toBe(before);
  });

  it('answers 503 when the CA does not answer', async () => {
    const res = await request(gateway({ caUrl: 'http://127.0.0.1:1' }).app).post('/v1/admin/identities').set(ADMIN).send({ name: 'later', role: 'clerk' }).expect(503);
    expect(res.body.code).toBe('CA_UNAVAILABLE');
  });
});

describe('GET /v1/admin/identities/:name', () => {
  it('shows the certificate, role and API key holders', async () => {
    const res = await request(gateway().app).get('/v1/admin/identities/fleet').set(ADMIN).expect(200);
    expect(res.body).toMatchObject({ name: 'fleet', role: 'inspector', principals: [{ principal: 'fleet-dashboard', roles: ['inspector'] }] });
    expect(res.body.certificate.serial).toMatch(/^[0-9a-f]+$/);
    expect(JSON.stringify(res.body)).not.toMatch(/PRIVATE KEY|apiKey/);
  });

  it('answers 404 for identities it did not enroll, 400 for a bad name', async () => {
    expect((await request(gateway().app).get('/v1/admin/identities/clerk1').set(ADMIN).expect(404)).body.code).toBe('NOT_FOUND');
    await request(gateway().app).get('/v1/admin/identities/nobody').set(ADMIN).expect(404);
    await request(gateway().app).get('/v1/admin/identities/No_Such').set(ADMIN).expect(400);
  });
});

describe('DELETE /v1/admin/identities/:name', () => {
  it('revokes at the CA with the reason, deletes the key and withdraws the API keys', async () => {
    const { app } = gateway();
    const created = await request(app).post('/v1/admin/identities').set(ADMIN).send({ name: 'leaver', role: 'officer' }).expect(201);
    const res = await request(app).delete('/v1/admin/identities/leaver').set(ADMIN).send({ reason: 'keyCompromise' }).expect(200);
    expect(res.body).toEqual({ name: 'leaver', enrollmentId: 'leaver.registry', reason: 'keyCompromise', apiKeysRemoved: 1 });
    expect(ca.identities.get('leaver.registry')?.revoked).toBe('keycompromise');
    await request(app).get('/v1/parcels/P-1').set('X-Api-Key', created.body.apiKey as string).expect(401);
    expect(readFileSync(keysFile, 'utf8')).not.toContain('"leaver"');
    await request(app).get('/v1/admin/identities/leaver').set(ADMIN).expect(404);
  });

  it('refuses a bad reason, a script identity and a missing body, changing nothing', async () => {
    const { app, keystore } = gateway();
    const before = caCalls();
    await request(app).delete('/v1/admin/identities/fleet').set(ADMIN).send({ reason: 'boredom' }).expect(400);
    await request(app).delete('/v1/admin/identities/fleet').set(ADMIN).expect(400);
    await request(app).delete('/v1/admin/identities/clerk1').set(ADMIN).send({ reason: 'superseded' }).expect(404);
    expect(caCalls()).toBe(before);
    expect(await keystore.exists('clerk1')).toBe(true);
    await request(app).get('/v1/admin/identities/fleet').set(ADMIN).expect(200);
  });
});

describe('a read-only (regulator) gateway', () => {
  it('refuses the admin writes with 403 READ_ONLY but still shows identities', async () => {
    const { app } = gateway({ readOnly: true });
    const before = caCalls();
    expect((await request(app).post('/v1/admin/identities').set(ADMIN).send({ name: 'ro', role: 'auditor' }).expect(403)).body.code).toBe('READ_ONLY');
    expect((await request(app).delete('/v1/admin/identities/fleet').set(ADMIN).send({ reason: 'superseded' }).expect(403)).body.code).toBe('READ_ONLY');
    await request(app).get('/v1/admin/identities/fleet').set(ADMIN).expect(200);
    expect(caCalls()).toBe(before);
  });
});
