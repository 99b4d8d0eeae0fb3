import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { DEFAULT_DEADLINES } from './fabric/callDeadlines';
import { DEFAULT_WRITE_SETTINGS as DEFAULT_SUBMIT_SETTINGS } from './http/writePipeline';

const ORGS_DIR = path.resolve(__dirname, '..', '..', 'organizations');
let runtime: string;

beforeAll(() => {
  runtime = mkdtempSync(path.join(tmpdir(), 'gateway-config-'));
  for (const org of ['registry', 'auditor']) {
    const dir = path.join(runtime, 'exchange', 'msp', org, 'tlscacerts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'tlsca.pem'), 'not read by loadConfig');
    const tls = path.join(runtime, 'homes', org, 'gateway', 'tls');
    mkdirSync(tls, { recursive: true });
    writeFileSync(path.join(tls, 'server.crt'), 'not read by loadConfig');
    writeFileSync(path.join(tls, 'server.key'), 'not read by loadConfig', { mode: 0o600 });
  }
  writeFileSync(path.join(runtime, 'readable.key'), 'a key others may read', { mode: 0o644 });
});
afterAll(() => rmSync(runtime, { recursive: true, force: true }));

const env = (vars: Record<string, string | undefined>) => ({ CITY_LEDGER_ORGS: ORGS_DIR, CITY_LEDGER_RUNTIME: runtime, CITY_GATEWAY_ORG: 'registry', ...vars });

/** The ConfigError loadConfig throws for `vars`. */
function problemOf(vars: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env(vars));
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('reads a department gateway from the org file, with defaults', () => {
    const config = loadConfig(env({}));
    expect(config.org.mspId).toBe('RegistryMSP');
    expect(config.channel).toBe('city');
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 7443 });
    expect(config.tls).toEqual({
      certFile: path.join(runtime, 'homes', 'registry', 'gateway', 'tls', 'server.crt'),
      keyFile: path.join(runtime, 'homes', 'registry', 'gateway', 'tls', 'server.key'),
    });
    expect(config.peers).toEqual([
      { name: 'peer0', address: '127.0.0.1:7051', hostOverride: 'peer0.registry.city.local' },
      { name: 'peer1', address: '127.0.0.1:7151', hostOverride: 'peer1.registry.city.local' },
    ]);
    expect(config.tlsCaFile).toBe(path.join(runtime, 'exchange', 'msp', 'registry', 'tlscacerts', 'tlsca.pem'));
    expect(config.apiKeysFile).toBe(path.join(runtime, 'homes', 'registry', 'gateway', 'api-keys.json'));
    expect(config.bodyLimitBytes).toBe(100 * 1024);
    expect(config.readOnly).toBe(false);
    expect(config.probeUser).toBe('clerk1');
    expect(config.deadlines).toEqual(DEFAULT_DEADLINES);
    expect(config.storeFile).toBe(path.join(runtime, 'homes', 'registry', 'gateway', 'gateway.db'));
    expect(config.submit).toEqual(DEFAULT_SUBMIT_SETTINGS);
  });

  it('takes the store file and the submit settings', () => {
    const config = loadConfig(
      env({
        CITY_GATEWAY_STORE: '/var/lib/gateway/state.db',
        CITY_GATEWAY_CONFLICT_RETRIES: '0',
        CITY_GATEWAY_IDEMPOTENCY_TTL_HOURS: '48',
        CITY_GATEWAY_TRANSACTION_TTL_HOURS: '1',
      }),
    );
    expect(config.storeFile).toBe('/var/lib/gateway/state.db');
    expect(config.submit.conflictRetry.retries).toBe(0);
    expect(config.submit.idempotencyTtlMs).toBe(48 * 3_600_000);
    expect(config.submit.transactionTtlMs).toBe(3_600_000);
  });

  it('takes overrides: port, peer order, body limit, key file, log level', () => {
    const config = loadConfig(
      env({
        CITY_GATEWAY_PORT: '9001',
        CITY_GATEWAY_PEERS: 'peer1, peer0',
        CITY_GATEWAY_BODY_LIMIT: '1mb',
        CITY_GATEWAY_API_KEYS: '/etc/keys.json',
        CITY_GATEWAY_LOG_LEVEL: 'debug',
      }),
    );
    expect(config.listen.port).toBe(9001);
    expect(config.peers.map((p) => p.name)).toEqual(['peer1', 'peer0']);
    expect(config.bodyLimitBytes).toBe(1024 * 1024);
    expect(config.apiKeysFile).toBe('/etc/keys.json');
    expect(config.logLevel).toBe('debug');
  });

  it('makes a regulator gateway read-only', () => {
    const config = loadConfig(env({ CITY_GATEWAY_ORG: 'auditor' }));
    expect(config.readOnly).toBe(true);
    expect(config.probeUser).toBe('auditor1');
  });

  it('lets a department gateway be read-only on request', () => {
    expect(loadConfig(env({ CITY_GATEWAY_READ_ONLY: 'true' })).readOnly).toBe(true);
  });

  it.each([
    ['no org', { CITY_GATEWAY_ORG: undefined }, 'CITY_GATEWAY_ORG', /is required/],
    ['an empty org', { CITY_GATEWAY_ORG: ' ' }, 'CITY_GATEWAY_ORG', /is required/],
    ['an unknown org', { CITY_GATEWAY_ORG: 'parks' }, 'CITY_GATEWAY_ORG', /no org "parks"/],
    ['a missing org folder', { CITY_LEDGER_ORGS: '/nonexistent' }, 'CITY_GATEWAY_ORG', /nonexistent/],
    ['a runtime without crypto', { CITY_LEDGER_RUNTIME: '/nonexistent' }, 'CITY_LEDGER_RUNTIME', /tlsca\.pem does not exist/],
    ['a port that is not a number', { CITY_GATEWAY_PORT: 'http' }, 'CITY_GATEWAY_PORT', /port number/],
    ['a port out of range', { CITY_GATEWAY_PORT: '70000' }, 'CITY_GATEWAY_PORT', /port number/],
    ['too many conflict retries', { CITY_GATEWAY_CONFLICT_RETRIES: '11' }, 'CITY_GATEWAY_CONFLICT_RETRIES', /from 0 to 10/],
    ['a negative retry count', { CITY_GATEWAY_CONFLICT_RETRIES: '-1' }, 'CITY_GATEWAY_CONFLICT_RETRIES', /whole number/],
    ['an idempotency TTL of zero', { CITY_GATEWAY_IDEMPOTENCY_TTL_HOURS: '0' }, 'CITY_GATEWAY_IDEMPOTENCY_TTL_HOURS', /from 1 to 720/],
    ['a transaction TTL that is not a number', { CITY_GATEWAY_TRANSACTION_TTL_HOURS: '7d' }, 'CITY_GATEWAY_TRANSACTION_TTL_HOURS', /whole number/],
    ['an unknown peer', { CITY_GATEWAY_PEERS: 'peer0,peer7' }, 'CITY_GATEWAY_PEERS', /no peer "peer7"/],
    ['a peer twice', { CITY_GATEWAY_PEERS: 'peer0,peer0' }, 'CITY_GATEWAY_PEERS', /twice/],
    ['an empty peer list', { CITY_GATEWAY_PEERS: '' }, 'CITY_GATEWAY_PEERS', /peer names/],
    ['a body limit without unit', { CITY_GATEWAY_BODY_LIMIT: '100' }, 'CITY_GATEWAY_BODY_LIMIT', /size such as/],
    ['a body limit over 10mb', { CITY_GATEWAY_BODY_LIMIT: '11mb' }, 'CITY_GATEWAY_BODY_LIMIT', /10mb/],
    ['a read-only flag that is not a boolean', { CITY_GATEWAY_READ_ONLY: 'yes' }, 'CITY_GATEWAY_READ_ONLY', /true or false/],
    ['a writable regulator', { CITY_GATEWAY_ORG: 'auditor', CITY_GATEWAY_READ_ONLY: 'false' }, 'CITY_GATEWAY_READ_ONLY', /regulator/],
    ['an unknown log level', { CITY_GATEWAY_LOG_LEVEL: 'loud' }, 'CITY_GATEWAY_LOG_LEVEL', /one of/],
    ['a missing TLS certificate', { CITY_GATEWAY_TLS_CERT: '/nonexistent.crt' }, 'CITY_GATEWAY_TLS_CERT', /does not exist/],
    ['a missing TLS key', { CITY_GATEWAY_TLS_KEY: '/nonexistent.key' }, 'CITY_GATEWAY_TLS_KEY', /does not exist/],
    ['a bad channel name', { CITY_GATEWAY_CHANNEL: 'City Hall' }, 'CITY_GATEWAY_CHANNEL', /channel name/],
  ])('refuses %s, naming the variable', (_what, vars, variable, message) => {
    const error = problemOf(vars);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
    expect(error.message).toMatch(message);
  });

  it('refuses a TLS key that others may read', () => {
    const error = problemOf({ CITY_GATEWAY_TLS_KEY: path.join(runtime, 'readable.key') });
    expect(error.variable).toBe('CITY_GATEWAY_TLS_KEY');
    expect(error.message).toMatch(/mode 0644/);
  });
});

describe('loadConfig: JWT, rate limit, metrics', () => {
  let secret: string;
  let openSecret: string;
  beforeAll(() => {
    secret = path.join(runtime, 'jwt-secret');
    openSecret = path.join(runtime, 'jwt-secret-open');
    writeFileSync(secret, 'x'.repeat(32));
    chmodSync(secret, 0o600);
    writeFileSync(openSecret, 'x'.repeat(32));
    chmodSync(openSecret, 0o644);
  });
  const JWT = { CITY_GATEWAY_JWT_ISSUER: 'https://idp.city.example', CITY_GATEWAY_JWT_AUDIENCE: 'city-ledger-registry' };

  it('leaves JWT off by default, limits 600 requests a minute, and puts /metrics on the port + 10000', () => {
    const config = loadConfig(env({}));
    expect(config.jwt).toBeUndefined();
    expect(config.rateLimitPerMinute).toBe(600);
    expect(config.webhookAllow).toEqual({ hosts: [], cidrs: [] });
    expect(config.metrics).toEqual({ host: '127.0.0.1', port: 17443 });
  });

  it('reads JWT settings: a secret file, a JWKS URL or file, and the subject file', () => {
    const https = loadConfig(env({ ...JWT, CITY_GATEWAY_JWT_JWKS_URL: 'https://idp.city.example/jwks.json', CITY_GATEWAY_JWT_HS256_SECRET_FILE: secret })).jwt;
    expect(https).toEqual({
      issuer: 'https://idp.city.example',
      audience: 'city-ledger-registry',
      hs256SecretFile: secret,
      jwks: { url: new URL('https://idp.city.example/jwks.json') },
      subjectsFile: path.join(runtime, 'homes', 'registry', 'gateway', 'jwt-subjects.json'),
    });
    expect(loadConfig(env({ ...JWT, CITY_GATEWAY_JWT_JWKS_URL: 'http://127.0.0.1:9000/jwks' })).jwt?.jwks).toEqual({ url: new URL('http://127.0.0.1:9000/jwks') });
    expect(loadConfig(env({ ...JWT, CITY_GATEWAY_JWT_JWKS_URL: secret })).jwt?.jwks).toEqual({ file: secret });
  });

  it('takes a rate limit (0 turns it off) and a metrics listener, or none', () => {
    expect(loadConfig(env({ CITY_GATEWAY_RATE_LIMIT: '0' })).rateLimitPerMinute).toBe(0);
    expect(loadConfig(env({ CITY_GATEWAY_METRICS_HOST: '0.0.0.0', CITY_GATEWAY_METRICS_PORT: '9464' })).metrics).toEqual({ host: '0.0.0.0', port: 9464 });
    expect(loadConfig(env({ CITY_GATEWAY_METRICS_PORT: 'off' })).metrics).toBeUndefined();
  });

  it.each([
    ['an audience without an issuer', { CITY_GATEWAY_JWT_AUDIENCE: 'x' }, 'CITY_GATEWAY_JWT_ISSUER', /CITY_GATEWAY_JWT_AUDIENCE/],
    ['an issuer without an audience', { CITY_GATEWAY_JWT_ISSUER: 'https://idp' }, 'CITY_GATEWAY_JWT_AUDIENCE', /is required/],
    ['JWT without keys', JWT, 'CITY_GATEWAY_JWT_JWKS_URL', /needs keys/],
    ['a missing secret file', { ...JWT, CITY_GATEWAY_JWT_HS256_SECRET_FILE: '/nonexistent/secret' }, 'CITY_GATEWAY_JWT_HS256_SECRET_FILE', /cannot read/],
    ['a JWKS over plain http to another host', { ...JWT, CITY_GATEWAY_JWT_JWKS_URL: 'http://idp.city.example/jwks' }, 'CITY_GATEWAY_JWT_JWKS_URL', /must be https/],
    ['a JWKS URL of another scheme', { ...JWT, CITY_GATEWAY_JWT_JWKS_URL: 'ftp://idp/jwks' }, 'CITY_GATEWAY_JWT_JWKS_URL', /must be https/],
    ['a missing JWKS file', { ...JWT, CITY_GATEWAY_JWT_JWKS_URL: '/nonexistent/jwks.json' }, 'CITY_GATEWAY_JWT_JWKS_URL', /does not exist/],
    ['a rate limit that is not a number', { CITY_GATEWAY_RATE_LIMIT: '10/s' }, 'CITY_GATEWAY_RATE_LIMIT', /requests per minute/],
    ['a webhook allow-list entry that is no host or CIDR', { CITY_GATEWAY_WEBHOOK_ALLOW: '127.0.0.1,10.0.0.0/40' }, 'CITY_GATEWAY_WEBHOOK_ALLOW', /bad prefix length/],
    ['a metrics port equal to the gateway port', { CITY_GATEWAY_PORT: '9000', CITY_GATEWAY_METRICS_PORT: '9000' }, 'CITY_GATEWAY_METRICS_PORT', /must differ/],
    ['a gateway port with no room for the default metrics port', { CITY_GATEWAY_PORT: '60000' }, 'CITY_GATEWAY_METRICS_PORT', /is required/],
  ])('refuses %s, naming the variable', (_what, vars, variable, message) => {
    const error = problemOf(vars);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(message);
  });

  it('refuses a secret file others may read, with the chmod to fix it', () => {
    const error = problemOf({ ...JWT, CITY_GATEWAY_JWT_HS256_SECRET_FILE: openSecret });
    expect(error.variable).toBe('CITY_GATEWAY_JWT_HS256_SECRET_FILE');
    expect(error.message).toMatch(/mode 0644.*chmod 600/);
  });
});
