import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Request } from 'express';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import request from 'supertest';
import { ConfigError } from '../configError';
import { HttpProblem } from '../errors';
import { testApiKeys, testApp } from '../testing';
import { JwtAuthenticator, localJwks, remoteJwks, type JwtAuthenticatorOptions } from './jwt';

const ISSUER = 'https://idp.city.example';
const AUDIENCE = 'city-ledger-registry';
const SECRET = new TextEncoder().encode('an HS256 secret of at least thirty-two bytes');
const SUBJECTS = new Map([
  ['permit-portal', { principal: 'permit-portal', user: 'clerk1', roles: ['clerk', 'registrar'] }],
  ['fleet-dashboard', { principal: 'fleet-dashboard', user: 'inspector1', roles: ['inspector'] }],
]);

/** A signing key of the identity provider, with its public JWK. */
interface RsaKey {
  readonly kid: string;
  readonly privateKey: KeyLike;
  readonly publicKey: KeyLike;
  readonly jwk: JWK;
}

async function rsaKey(kid: string): Promise<RsaKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { kid, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

interface Claims {
  sub?: string;
  iss?: string;
  aud?: string;
  exp?: number | string | null;
  nbf?: number;
  roles?: unknown;
}

/** Signs a token; every claim defaults to a valid one, `exp: null` leaves expiry out. */
async function sign(alg: 'HS256' | 'RS256', key: KeyLike | Uint8Array, claims: Claims = {}, kid?: string): Promise<string> {
  const { sub = 'permit-portal', iss = ISSUER, aud = AUDIENCE, exp = '5m', nbf, roles } = claims;
  const jwt = new SignJWT(roles === undefined ? {} : { roles }).setProtectedHeader(kid ? { alg, kid } : { alg }).setSubject(sub).setIssuer(iss).setAudience(aud).setIssuedAt();
  if (exp !== null) jwt.setExpirationTime(exp);
  if (nbf !== undefined) jwt.setNotBefore(nbf);
  return jwt.sign(key);
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function bearer(token: string): Request {
  return { get: (name: string) => (name.toLowerCase() === 'authorization' ? `Bearer ${token}` : undefined) } as unknown as Request;
}

/** A JWKS served on 127.0.0.1 whose keys the test can change (key rotation), counting fetches. */
class JwksServer {
  keys: JWK[] = [];
  fetches = 0;
  private server?: Server;

  async start(): Promise<URL> {
    this.server = createServer((_req, res) => {
      this.fetches += 1;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: this.keys }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return new URL(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}/jwks.json`);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

let dir: string;
let idp: JwksServer;
let jwksUrl: URL;
let key1: RsaKey;
let key2: RsaKey;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gateway-jwt-'));
  [key1, key2] = await Promise.all([rsaKey('k1'), rsaKey('k2')]);
  idp = new JwksServer();
  jwksUrl = await idp.start();
});
afterAll(async () => {
  await idp.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  idp.keys = [key1.jwk];
});

function authenticator(options: Partial<JwtAuthenticatorOptions> = {}): JwtAuthenticator {
  return new JwtAuthenticator({ issuer: ISSUER, audience: AUDIENCE, subjects: SUBJECTS, jwks: remoteJwks(jwksUrl, 0), ...options });
}

describe('JwtAuthenticator: accepted tokens', () => {
  it('accepts an RS256 token whose key comes from the JWKS, as the subject\'s mapped Fabric identity', async () => {
    const result = await authenticator().authenticate(bearer(await sign('RS256', key1.privateKey, {}, 'k1')));
    expect(result).toEqual({ kind: 'ok', principal: { id: 'permit-portal', user: 'clerk1', roles: ['clerk', 'registrar'], via: 'jwt' } });
  });

  it('accepts an HS256 token when a secret is configured', async () => {
    const jwt = authenticator({ hs256Secret: SECRET, jwks: undefined });
    expect(jwt.algorithms).toEqual(['HS256']);
    expect(await jwt.authenticate(bearer(await sign('HS256', SECRET, { sub: 'fleet-dashboard' })))).toMatchObject({
      kind: 'ok',
      principal: { id: 'fleet-dashboard', user: 'inspector1', roles: ['inspector'] },
    });
  });

  it('lets a roles claim narrow the mapped roles, never widen them', async () => {
    const jwt = authenticator();
    const narrowed = await jwt.authenticate(bearer(await sign('RS256', key1.privateKey, { roles: ['clerk', 'admin'] }, 'k1')));
    expect(narrowed).toMatchObject({ kind: 'ok', principal: { roles: ['clerk'] } });
    const malformed = await jwt.authenticate(bearer(await sign('RS256', key1.privateKey, { roles: 'admin' }, 'k1')));
    expect(malformed).toMatchObject({ kind: 'invalid', code: 'INVALID_TOKEN', reason: expect.stringMatching(/roles claim/) });
  });

  it('takes no part in requests without a bearer token', async () => {
    const noHeader = { get: () => undefined } as unknown as Request;
    const apiKey = { get: (name: string) => (name.toLowerCase() === 'authorization' ? 'ApiKey abc' : undefined) } as unknown as Request;
    expect(await authenticator().authenticate(noHeader)).toEqual({ kind: 'absent' });
    expect(await authenticator().authenticate(apiKey)).toEqual({ kind: 'absent' });
  });

  it('follows a key rotation: a token with a new kid makes it fetch the JWKS again', async () => {
    const jwt = authenticator();
    expect(await jwt.authenticate(bearer(await sign('RS256', key1.privateKey, {}, 'k1')))).toMatchObject({ kind: 'ok' });
    const rotated = await sign('RS256', key2.privateKey, {}, 'k2');
    expect(await jwt.authenticate(bearer(rotated))).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/kid/) });

    idp.keys = [key1.jwk, key2.jwk];
    const before = idp.fetches;
    expect(await jwt.authenticate(bearer(rotated))).toMatchObject({ kind: 'ok' });
    expect(idp.fetches).toBeGreaterThan(before);
  });
});

describe('JwtAuthenticator: refused tokens', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it.each<[string, () => Promise<string>, RegExp]>([
    ['a signature by another key under a known kid', () => sign('RS256', key2.privateKey, {}, 'k1'), /signature/],
    ['a wrong issuer', () => sign('RS256', key1.privateKey, { iss: 'https://evil.example' }, 'k1'), /issuer/],
    ['a wrong audience', () => sign('RS256', key1.privateKey, { aud: 'city-ledger-health' }, 'k1'), /audience/],
    ['an expired token (beyond the clock skew)', () => sign('RS256', key1.privateKey, { exp: now() - 120 }, 'k1'), /expired/],
    ['a token without exp', () => sign('RS256', key1.privateKey, { exp: null }, 'k1'), /expiry/],
    ['a token not valid yet', () => sign('RS256', key1.privateKey, { nbf: now() + 600 }, 'k1'), /not valid yet/],
    ['an unknown subject', () => sign('RS256', key1.privateKey, { sub: 'stranger' }, 'k1'), /subject/],
    ['an unknown kid', () => sign('RS256', key2.privateKey, {}, 'k9'), /kid/],
    ['alg none', async () => `${b64url({ alg: 'none' })}.${b64url({ sub: 'permit-portal', iss: ISSUER, aud: AUDIENCE, exp: now() + 300 })}.`, /algorithm/],
    ['an HS256 token where only RS256 is configured', () => sign('HS256', SECRET), /algorithm/],
    ['an HS256 token signed with the RSA public key as its secret', async () => sign('HS256', new TextEncoder().encode(await exportSPKI(key1.publicKey)), {}, 'k1'), /algorithm/],
    ['a token that is not a JWT', async () => 'not.a.jwt', /malformed/],
  ])('refuses %s', async (_what, token, reason) => {
    const result = await authenticator().authenticate(bearer(await token()));
    expect(result).toMatchObject({ kind: 'invalid', code: 'INVALID_TOKEN', reason: expect.stringMatching(reason) });
    expect(result).toMatchObject({ challenge: expect.stringMatching(/^Bearer error="invalid_token", error_description="[^"]+"$/) });
  });

  it('refuses an HS256 token signed with the RSA public key even when HS256 is configured too', async () => {
    const jwt = authenticator({ hs256Secret: SECRET });
    expect(jwt.algorithms).toEqual(['HS256', 'RS256']);
    const confused = await sign('HS256', new TextEncoder().encode(await exportSPKI(key1.publicKey)));
    expect(await jwt.authenticate(bearer(confused))).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/signature/) });
    // An RS256 token still verifies against the JWKS, not the secret.
    expect(await jwt.authenticate(bearer(await sign('RS256', key1.privateKey, {}, 'k1')))).toMatchObject({ kind: 'ok' });
  });

  it('answers 503 KEYS_UNAVAILABLE when the JWKS cannot be fetched (the token may be fine)', async () => {
    const down = new JwksServer();
    const url = await down.start();
    await down.stop();
    const jwt = authenticator({ jwks: remoteJwks(url, 0) });
    const error = await jwt.authenticate(bearer(await sign('RS256', key1.privateKey, {}, 'k1'))).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(HttpProblem);
    expect((error as HttpProblem).problem).toMatchObject({ status: 503, code: 'KEYS_UNAVAILABLE' });
  });
});

describe('JwtAuthenticator over HTTP', () => {
  it('answers 401 INVALID_TOKEN with an RFC 6750 challenge, and calls nothing', async () => {
    const { app, ledger } = testApp({}, { authenticators: [testApiKeys(), authenticator()] });
    const expired = await sign('RS256', key1.privateKey, { exp: Math.floor(Date.now() / 1000) - 120 }, 'k1');
    const res = await request(app).get('/v1/parcels/P-1').set('Authorization', `Bearer ${expired}`);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'INVALID_TOKEN', detail: expect.stringMatching(/expired/) });
    expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token", error_description="the token has expired"');
    expect(ledger.calls).toHaveLength(0);
  });

  it('runs the call as the mapped Fabric identity and checks the route\'s roles', async () => {
    const { app, ledger } = testApp({}, { authenticators: [testApiKeys(), authenticator()] });
    ledger.onEvaluate('getParcel', () => ({ id: 'P-1' }));
    const token = await sign('RS256', key1.privateKey, { sub: 'fleet-dashboard' }, 'k1');
    await request(app).get('/v1/parcels/P-1').set('Authorization', `Bearer ${token}`).expect(200);
    expect(ledger.calls.map((c) => c.principal.user)).toEqual(['inspector1']);
    // Registering a parcel needs clerk or registrar: the inspector is refused before the ledger.
    const res = await request(app).post('/v1/parcels').set('Authorization', `Bearer ${token}`).send({});
    expect(res.status).toBe(403);
    expect(ledger.submits()).toHaveLength(0);
  });

  it('announces both schemes when no credentials come', async () => {
    const { app } = testApp({}, { authenticators: [testApiKeys(), authenticator()] });
    const res = await request(app).get('/v1/parcels/P-1');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    expect(res.headers['www-authenticate']).toBe('ApiKey, Bearer');
  });
});

describe('JwtAuthenticator.fromConfig', () => {
  function file(name: string, content: string, mode = 0o600): string {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    chmodSync(target, mode);
    return target;
  }

  const subjectsFile = () => file('subjects.json', JSON.stringify(Object.fromEntries(SUBJECTS)));

  it('reads the secret (without its trailing newline), a JWKS file and the subject file', async () => {
    const jwt = JwtAuthenticator.fromConfig({
      issuer: ISSUER,
      audience: AUDIENCE,
      hs256SecretFile: file('secret', `${new TextDecoder().decode(SECRET)}\n`),
      jwks: { file: file('jwks.json', JSON.stringify({ keys: [key1.jwk] })) },
      subjectsFile: subjectsFile(),
    });
    expect(jwt.users().sort()).toEqual(['clerk1', 'inspector1']);
    expect(await jwt.authenticate(bearer(await sign('HS256', SECRET)))).toMatchObject({ kind: 'ok' });
    expect(await jwt.authenticate(bearer(await sign('RS256', key1.privateKey, {}, 'k1')))).toMatchObject({ kind: 'ok' });
  });

  it.each<[string, () => Parameters<typeof JwtAuthenticator.fromConfig>[0], string, RegExp]>([
    ['a secret shorter than 32 bytes', () => ({ issuer: ISSUER, audience: AUDIENCE, hs256SecretFile: file('short', 'too short'), subjectsFile: subjectsFile() }), 'CITY_GATEWAY_JWT_HS256_SECRET_FILE', /at least 32/],
    ['a JWKS file that is not JSON', () => ({ issuer: ISSUER, audience: AUDIENCE, jwks: { file: file('bad-jwks.json', '{') }, subjectsFile: subjectsFile() }), 'CITY_GATEWAY_JWT_JWKS_URL', /not a JWKS/],
    ['a subject mapped to an unknown field', () => ({ issuer: ISSUER, audience: AUDIENCE, hs256SecretFile: file('ok-secret', 'x'.repeat(32)), subjectsFile: file('bad-subjects.json', JSON.stringify({ s: { principal: 'p', user: 'clerk1', roles: [], fabricUser: 'admin' } })) }), 'CITY_GATEWAY_JWT_SUBJECTS', /additional/],
    ['a missing subject file', () => ({ issuer: ISSUER, audience: AUDIENCE, hs256SecretFile: file('ok-secret', 'x'.repeat(32)), subjectsFile: path.join(dir, 'missing.json') }), 'CITY_GATEWAY_JWT_SUBJECTS', /cannot read/],
  ])('refuses %s with a ConfigError naming the variable', (_what, config, variable, message) => {
    const error = (() => {
      try {
        JwtAuthenticator.fromConfig(config());
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toMatch(message);
  });

  it('reads a local JWKS once: keys added to the file later are not seen (offline use)', async () => {
    const jwksFile = file('rotating.json', JSON.stringify({ keys: [key1.jwk] }));
    const jwt = authenticator({ jwks: localJwks(jwksFile) });
    writeFileSync(jwksFile, JSON.stringify({ keys: [key1.jwk, key2.jwk] }));
    expect(await jwt.authenticate(bearer(await sign('RS256', key2.privateKey, {}, 'k2')))).toMatchObject({ kind: 'invalid' });
  });
});
