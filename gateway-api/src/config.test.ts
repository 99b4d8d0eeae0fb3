import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, DEFAULT_DEADLINES, loadConfig } from './config';
import { DEFAULT_SUBMIT_SETTINGS } from './submit/submitter';

const ORGS_DIR = path.resolve(__dirname, '..', '..', 'organizations');
let runtime: string;

beforeAll(() => {
  runtime = mkdtempSync(path.join(tmpdir(), 'gateway-config-'));
  for (const org of ['registry', 'auditor']) {
    const dir = path.join(runtime, 'orgs', org, 'msp', 'tlscacerts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'tlsca.pem'), 'not read by loadConfig');
  }
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
    expect(config.listen).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(config.peers).toEqual([
      { name: 'peer0', address: '127.0.0.1:7051', hostOverride: 'peer0.registry.city.local' },
      { name: 'peer1', address: '127.0.0.1:7151', hostOverride: 'peer1.registry.city.local' },
    ]);
    expect(config.tlsCaFile).toBe(path.join(runtime, 'orgs', 'registry', 'msp', 'tlscacerts', 'tlsca.pem'));
    expect(config.apiKeysFile).toBe(path.join(runtime, 'gateway', 'registry', 'api-keys.json'));
    expect(config.bodyLimitBytes).toBe(100 * 1024);
    expect(config.readOnly).toBe(false);
    expect(config.probeUser).toBe('clerk1');
    expect(config.deadlines).toEqual(DEFAULT_DEADLINES);
    expect(config.storeFile).toBe(path.join(runtime, 'gateway', 'registry', 'gateway.db'));
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
    ['a bad channel name', { CITY_GATEWAY_CHANNEL: 'City Hall' }, 'CITY_GATEWAY_CHANNEL', /channel name/],
  ])('refuses %s, naming the variable', (_what, vars, variable, message) => {
    const error = problemOf(vars);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
    expect(error.message).toMatch(message);
  });
});
