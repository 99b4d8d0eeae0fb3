import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Request } from 'express';
import { ConfigError } from '../configError';
import { ApiKeyAuthenticator, hashApiKey } from './apiKeys';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'gateway-keys-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A minimal request with the given headers (Express's `req.get`). */
function requestWith(headers: Record<string, string>): Request {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { get: (name: string) => lower[name.toLowerCase()] } as unknown as Request;
}

function keyFile(content: unknown): string {
  const file = path.join(dir, `keys-${Math.random().toString(16).slice(2)}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  chmodSync(file, 0o600);
  return file;
}

const ENTRY = { principal: 'tax-system', user: 'clerk1', roles: ['clerk'] };

describe('ApiKeyAuthenticator', () => {
  it('stores only hashes, and finds the principal of a key', async () => {
    const keys = ApiKeyAuthenticator.fromFile(keyFile({ [hashApiKey('s3cret')]: ENTRY }));
    expect(hashApiKey('s3cret')).toMatch(/^[0-9a-f]{64}$/);
    expect(await keys.authenticate(requestWith({ 'X-Api-Key': 's3cret' }))).toEqual({
      kind: 'ok',
      principal: { id: 'tax-system', user: 'clerk1', roles: ['clerk'], via: 'api-key' },
    });
    expect(await keys.authenticate(requestWith({ Authorization: 'ApiKey s3cret' }))).toMatchObject({ kind: 'ok' });
    expect(keys.users()).toEqual(['clerk1']);
  });

  it('tells absent credentials from wrong ones', async () => {
    const keys = ApiKeyAuthenticator.fromPlainKeys({ s3cret: ENTRY });
    expect(await keys.authenticate(requestWith({}))).toEqual({ kind: 'absent' });
    expect(await keys.authenticate(requestWith({ Authorization: 'Bearer a.b.c' }))).toEqual({ kind: 'absent' });
    expect(await keys.authenticate(requestWith({ 'X-Api-Key': 'guess' }))).toMatchObject({ kind: 'invalid' });
    // The stored hash is not a key.
    expect(await keys.authenticate(requestWith({ 'X-Api-Key': hashApiKey('s3cret') }))).toMatchObject({ kind: 'invalid' });
  });

  it.each([
    ['a missing file', undefined, /cannot read/],
    ['a file that is not JSON', '{', /cannot read/],
    ['a key that is not a SHA-256 hash', { s3cret: ENTRY }, /invalid/],
    ['an entry without a user', { [hashApiKey('k')]: { principal: 'p', roles: [] } }, /user/],
    ['an entry with an unknown field', { [hashApiKey('k')]: { ...ENTRY, admin: true } }, /additional/],
  ])('refuses %s with a ConfigError', (_what, content, message) => {
    const file = content === undefined ? path.join(dir, 'missing.json') : keyFile(content);
    let error: unknown;
    try {
      ApiKeyAuthenticator.fromFile(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('CITY_GATEWAY_API_KEYS');
    expect((error as Error).message).toMatch(message);
  });
});

describe('ApiKeyAuthenticator.issue and revokeUser', () => {
  it('saves only the new key hash (0600), and withdraws every key of a user', async () => {
    const file = keyFile({ [hashApiKey('s3cret')]: ENTRY });
    const keys = ApiKeyAuthenticator.fromFile(file);
    const portal = { principal: 'permit-portal', user: 'portal', roles: ['clerk'] };
    const first = await keys.issue(portal);
    const second = await keys.issue({ ...portal, principal: 'portal-batch' });
    expect(first).not.toBe(second);
    expect(await keys.authenticate(requestWith({ 'X-Api-Key': first }))).toMatchObject({ kind: 'ok', principal: { id: 'permit-portal', user: 'portal' } });
    const saved = readFileSync(file, 'utf8');
    expect(saved).not.toContain(first);
    expect(Object.keys(JSON.parse(saved))).toEqual(expect.arrayContaining([hashApiKey('s3cret'), hashApiKey(first), hashApiKey(second)]));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(keys.entriesOf('portal').map((e) => e.principal)).toEqual(['permit-portal', 'portal-batch']);

    expect(await keys.revokeUser('portal')).toBe(2);
    expect(await keys.authenticate(requestWith({ 'X-Api-Key': second }))).toMatchObject({ kind: 'invalid' });
    expect(ApiKeyAuthenticator.fromFile(file).users()).toEqual(['clerk1']);
  });

  it('hands out no key it could not save', async () => {
    const keys = new ApiKeyAuthenticator(new Map(), path.join(keyFile({}), 'not-a-folder', 'keys.json'));
    await expect(keys.issue({ principal: 'p', user: 'u', roles: [] })).rejects.toThrow();
    expect(keys.users()).toEqual([]);
  });
});
