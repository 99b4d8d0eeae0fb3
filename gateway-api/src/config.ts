/**
 * The gateway's configuration, read once at start-up from the environment and the org files,
 * and validated before anything listens. Each module owns its settings type (`SubmitSettings`,
 * `JwtSettings`, `CallDeadlines`, …); this file only reads the values and assembles them. A bad value stops the gateway with a
 * {@link ConfigError} that names the variable and the problem.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `CITY_GATEWAY_ORG` | (required) | org key, the file name in `organizations/` (`registry`) |
 * | `CITY_GATEWAY_HOST` | from the org file's `gatewayHost` (`127.0.0.1`) | listen address |
 * | `CITY_GATEWAY_PORT` | the org file's `gatewayPort` | listen port (HTTPS) |
 * | `CITY_GATEWAY_TLS_CERT`, `CITY_GATEWAY_TLS_KEY` | `<runtime>/gateway/<org>/tls/server.crt`, `server.key` | the gateway's TLS certificate (from the org's TLS CA) and key (mode 0600) |
 * | `CITY_GATEWAY_CHANNEL` | `city` | channel name |
 * | `CITY_GATEWAY_PEERS` | every peer of the org, in org-file order | comma-separated peer names; the first is preferred, the rest are failover |
 * | `CITY_GATEWAY_API_KEYS` | `<runtime>/gateway/<org>/api-keys.json` | hashed API keys (see auth/apiKeys.ts) |
 * | `CITY_GATEWAY_BODY_LIMIT` | `100kb` | largest JSON body (`b`, `kb` or `mb`; at most 10mb) |
 * | `CITY_GATEWAY_READ_ONLY` | `true` for a regulator org, else `false` | refuse every write route with 403 |
 * | `CITY_GATEWAY_PROBE_USER` | the org file's first user | Fabric identity `/readyz` uses for its chain-info query |
 * | `CITY_GATEWAY_PUBLIC_USER` | the probe user | Fabric identity public reads (routes declared `anonymous`) evaluate as for visitors without credentials; `off` makes every route need credentials |
 * | `CITY_GATEWAY_PUBLIC_RATE_LIMIT` | `120` | requests per minute per client address for anonymous public reads; `0` turns the limit off |
 * | `CITY_GATEWAY_CONSOLE_DIR` | `console/dist` of the repository | the built web console served under `/console/`; not served when the folder is missing |
 * | `CITY_GATEWAY_LOG_LEVEL` | `info` | pino level |
 * | `CITY_GATEWAY_JWT_ISSUER` | (unset: no JWT) | the `iss` every bearer token must carry; setting it turns JWT authentication on |
 * | `CITY_GATEWAY_JWT_AUDIENCE` | (required with JWT) | the `aud` every token must carry (this gateway) |
 * | `CITY_GATEWAY_JWT_HS256_SECRET_FILE` | (none) | HS256 shared secret, at least 32 bytes; the file must be mode 0600 or tighter |
 * | `CITY_GATEWAY_JWT_JWKS_URL` | (none) | RS256 keys: an `https://` JWKS URL (`http://` only on loopback), or a JWKS file path |
 * | `CITY_GATEWAY_JWT_SUBJECTS` | `<runtime>/gateway/<org>/jwt-subjects.json` | token `sub` → principal, Fabric identity and roles (see auth/jwt.ts) |
 * | `CITY_GATEWAY_RATE_LIMIT` | `600` | requests per minute per principal; `0` turns the limit off |
 * | `CITY_GATEWAY_METRICS_HOST` | `127.0.0.1` | listen address of the Prometheus `/metrics` listener |
 * | `CITY_GATEWAY_METRICS_PORT` | the gateway port + 10000 | its port (as the org files put nodes' operations ports), or `off` |
 * | `CITY_GATEWAY_STORE` | `<runtime>/gateway/<org>/gateway.db` | the SQLite store (idempotency keys, transaction jobs, …) |
 * | `CITY_GATEWAY_NULLIFIER_KEY` | `<runtime>/gateway/<org>/nullifier.key` | the HMAC key of ballot nullifiers (calls/nullifiers.ts), generated on first start, mode 0600 |
 * | `CITY_GATEWAY_CONFLICT_RETRIES` | `3` | fresh proposals after an MVCC / phantom-read conflict at commit (0-10) |
 * | `CITY_GATEWAY_RESUBMIT_AFTER_MS` | `4000` | a waiting request re-sends the same transaction when its commit has not come after this (500-60000) |
 * | `CITY_GATEWAY_ANSWER_WITHIN_MS` | `7000` | past this from the request's start, a write still uncommitted answers a retryable 503/504 and is followed in the background (0-300000) |
 * | `CITY_GATEWAY_IDEMPOTENCY_TTL_HOURS` | `24` | how long an `Idempotency-Key`'s answer is kept (1-720) |
 * | `CITY_GATEWAY_TRANSACTION_TTL_HOURS` | `168` | how long a finished transaction stays pollable at `/v1/transactions/{txId}` (1-8760) |
 * | `CITY_GATEWAY_TELEMETRY` | `on` when the org holds the `devices` remit and is no regulator, else `off` | the telemetry collector and its routes (`on` or `off`) |
 * | `CITY_GATEWAY_TELEMETRY_USER` | the org file's first `officer` | the Fabric identity that anchors telemetry batches |
 * | `CITY_GATEWAY_TELEMETRY_INTERVAL_MS` | `5000` | time between anchors (1000-3600000) |
 * | `CITY_GATEWAY_TELEMETRY_THREADS` | the machine's cores | worker threads verifying device signatures (0-64; 0: on the event loop) |
 * | `CITY_LEDGER_ORGS` | `<repo>/organizations` | org files (as for the network scripts) |
 * | `CITY_LEDGER_RUNTIME` | `<repo>/.runtime` | runtime folder (as for the network scripts) |
 *
 * @example
 * ```ts
 * const config = loadConfig(process.env);   // throws ConfigError on a bad value
 * config.peers[0];                           // { name: 'peer0', address: '127.0.0.1:7051', hostOverride: 'peer0.registry.city.local' }
 * ```
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { DEFAULT_HOST, findOrg, listenHost, loadChaincodes, loadConsortium, OrgDeclaration, RuntimeLayout } from '@city-ledger/network';
import type { JwtSettings } from './auth/jwt';
import { Remit, Role } from '@city-ledger/domain';
import { ConfigError } from './configError';
import { peerEndpoint, type PeerEndpoint } from './fabric/connections';
import { DEFAULT_DEADLINES, type CallDeadlines } from './fabric/callDeadlines';
import { LOG_LEVELS, type LogLevel } from './logger';
import type { MetricsListen } from './metrics/metricsApp';
import { modeTooOpen } from './secretFileMode';
import { DEFAULT_WRITE_SETTINGS, type WriteSettings } from './http/writePipeline';
import type { TelemetrySettings } from './telemetry/collector';
import { parseAllowList, WEBHOOK_ALLOW_VARIABLE, type WebhookAllowList } from './events/webhookTargets';

export { ConfigError };

/** The validated configuration. */
export interface GatewayConfig {
  readonly org: OrgDeclaration;
  readonly channel: string;
  readonly listen: { readonly host: string; readonly port: number };
  /** The HTTPS certificate and key: city systems reach the gateway over TLS only. */
  readonly tls: { readonly certFile: string; readonly keyFile: string };
  /** The org's peers in order of preference: calls fail over from one to the next. */
  readonly peers: readonly PeerEndpoint[];
  readonly layout: RuntimeLayout;
  /** The org's TLS CA root, which signed its peers' TLS certificates. */
  readonly tlsCaFile: string;
  readonly apiKeysFile: string;
  readonly bodyLimitBytes: number;
  /** True for a regulator: every write route answers 403. */
  readonly readOnly: boolean;
  readonly probeUser: string;
  /** The identity anonymous public reads evaluate as; unset when `CITY_GATEWAY_PUBLIC_USER=off`. */
  readonly publicUser?: string;
  /** Anonymous public reads per minute per client address; 0 for no limit. */
  readonly publicRateLimitPerMinute: number;
  /** The built console; unset when the folder does not exist (console not built). */
  readonly consoleDir?: string;
  readonly logLevel: LogLevel;
  readonly deadlines: CallDeadlines;
  /** Unset when JWT authentication is off (no `CITY_GATEWAY_JWT_ISSUER`). */
  readonly jwt?: JwtSettings;
  /** Requests per minute per principal; 0 for no limit. */
  readonly rateLimitPerMinute: number;
  /** Requests per minute per client address, counted before authentication; 0 for no limit. */
  readonly addressRateLimitPerMinute: number;
  /** Webhook targets allowed although loopback, private or link-local (`CITY_GATEWAY_WEBHOOK_ALLOW`). */
  readonly webhookAllow: WebhookAllowList;
  /** Unset when `CITY_GATEWAY_METRICS_PORT=off`. */
  readonly metrics?: MetricsListen;
  /** The SQLite file of the gateway's durable state. */
  readonly storeFile: string;
  /** The department's ballot-nullifier key (created on first start). */
  readonly nullifierKeyFile: string;
  /** The chaincodes on the channel (chaincode/chaincodes.yaml): what event filters may name. */
  readonly chaincodes: readonly string[];
  readonly submit: WriteSettings;
  /** Unset when the collector is off (`CITY_GATEWAY_TELEMETRY`). */
  readonly telemetry?: TelemetrySettings;
}

const REPO_DIR = path.resolve(__dirname, '..', '..');
const CHANNEL = /^[a-z][a-z0-9.-]{0,248}$/;
const BODY_LIMIT = /^(\d+)(b|kb|mb)$/i;
const MAX_BODY_LIMIT = 10 * 1024 * 1024;
const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };
const HOUR_MS = 3_600_000;

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates the configuration. Throws {@link ConfigError} on the first problem found. */
export function loadConfig(env: Env = process.env): GatewayConfig {
  const orgKey = required(env, 'CITY_GATEWAY_ORG');
  const orgsDir = path.resolve(env.CITY_LEDGER_ORGS ?? path.join(REPO_DIR, 'organizations'));
  const runtimeDir = path.resolve(env.CITY_LEDGER_RUNTIME ?? path.join(REPO_DIR, '.runtime'));

  let org: OrgDeclaration;
  try {
    org = findOrg(loadConsortium(orgsDir), orgKey);
  } catch (err) {
    throw new ConfigError(env.CITY_GATEWAY_ORG === undefined ? 'CITY_LEDGER_ORGS' : 'CITY_GATEWAY_ORG', (err as Error).message);
  }

  const layout = new RuntimeLayout(runtimeDir);
  const tlsCaFile = layout.tlsCaFile(org);
  const gatewayDir = layout.gatewayDir(org);
  if (!existsSync(tlsCaFile)) {
    throw new ConfigError('CITY_LEDGER_RUNTIME', `${tlsCaFile} does not exist: is the network up (npm run up), and is the runtime folder right?`);
  }

  const regulator = org.role === 'regulator';
  const readOnly = bool(env, 'CITY_GATEWAY_READ_ONLY', regulator);
  if (regulator && !readOnly) {
    throw new ConfigError('CITY_GATEWAY_READ_ONLY', `${org.mspId} is a regulator: its gateway is always read-only`);
  }

  const probeUser = env.CITY_GATEWAY_PROBE_USER ?? org.users[0]?.name;
  if (probeUser === undefined || probeUser === '') {
    throw new ConfigError('CITY_GATEWAY_PROBE_USER', `${org.file} declares no users: name the identity /readyz should use`);
  }

  const logLevel = env.CITY_GATEWAY_LOG_LEVEL ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new ConfigError('CITY_GATEWAY_LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
  }

  const channel = env.CITY_GATEWAY_CHANNEL ?? 'city';
  if (!CHANNEL.test(channel)) throw new ConfigError('CITY_GATEWAY_CHANNEL', `is not a valid channel name: ${JSON.stringify(channel)}`);

  const listenPort = port(env, 'CITY_GATEWAY_PORT', org.gatewayPort);
  return {
    org,
    channel,
    listen: { host: env.CITY_GATEWAY_HOST ?? listenHost(org.gatewayHost), port: listenPort },
    tls: tlsFiles(env, path.join(gatewayDir, 'tls')),
    peers: peers(env, org),
    layout,
    tlsCaFile,
    apiKeysFile: path.resolve(env.CITY_GATEWAY_API_KEYS ?? path.join(gatewayDir, 'api-keys.json')),
    bodyLimitBytes: bodyLimit(env),
    readOnly,
    probeUser,
    publicUser: env.CITY_GATEWAY_PUBLIC_USER === 'off' ? undefined : (env.CITY_GATEWAY_PUBLIC_USER ?? probeUser),
    publicRateLimitPerMinute: rateLimit(env, 'CITY_GATEWAY_PUBLIC_RATE_LIMIT', '120'),
    consoleDir: consoleDir(env),
    logLevel: logLevel as LogLevel,
    deadlines: DEFAULT_DEADLINES,
    jwt: jwt(env, gatewayDir),
    rateLimitPerMinute: rateLimit(env, 'CITY_GATEWAY_RATE_LIMIT', '600'),
    addressRateLimitPerMinute: rateLimit(env, 'CITY_GATEWAY_ADDRESS_RATE_LIMIT', '1200'),
    webhookAllow: webhookAllow(env),
    metrics: metricsListen(env, listenPort),
    chaincodes: loadChaincodes(path.join(REPO_DIR, 'chaincode', 'chaincodes.yaml')).map((c) => c.name),
    storeFile: path.resolve(env.CITY_GATEWAY_STORE ?? path.join(gatewayDir, 'gateway.db')),
    nullifierKeyFile: path.resolve(env.CITY_GATEWAY_NULLIFIER_KEY ?? path.join(gatewayDir, 'nullifier.key')),
    telemetry: telemetry(env, org, readOnly),
    submit: {
      conflictRetry: { ...DEFAULT_WRITE_SETTINGS.conflictRetry, retries: integer(env, 'CITY_GATEWAY_CONFLICT_RETRIES', DEFAULT_WRITE_SETTINGS.conflictRetry.retries, 0, 10) },
      resubmit: {
        ...DEFAULT_WRITE_SETTINGS.resubmit,
        commitWaitMs: integer(env, 'CITY_GATEWAY_RESUBMIT_AFTER_MS', DEFAULT_WRITE_SETTINGS.resubmit.commitWaitMs, 500, 60_000),
        answerWithinMs: integer(env, 'CITY_GATEWAY_ANSWER_WITHIN_MS', DEFAULT_WRITE_SETTINGS.resubmit.answerWithinMs, 0, 300_000),
      },
      idempotencyTtlMs: HOUR_MS * integer(env, 'CITY_GATEWAY_IDEMPOTENCY_TTL_HOURS', DEFAULT_WRITE_SETTINGS.idempotencyTtlMs / HOUR_MS, 1, 720),
      transactionTtlMs: HOUR_MS * integer(env, 'CITY_GATEWAY_TRANSACTION_TTL_HOURS', DEFAULT_WRITE_SETTINGS.transactionTtlMs / HOUR_MS, 1, 8760),
    },
  };
}

function telemetry(env: Env, org: OrgDeclaration, readOnly: boolean): TelemetrySettings | undefined {
  const raw = env.CITY_GATEWAY_TELEMETRY ?? (org.remits.includes(Remit.Devices) && !readOnly ? 'on' : 'off');
  if (raw !== 'on' && raw !== 'off') throw new ConfigError('CITY_GATEWAY_TELEMETRY', `must be on or off, got ${JSON.stringify(raw)}`);
  if (raw === 'off') return undefined;
  if (readOnly) throw new ConfigError('CITY_GATEWAY_TELEMETRY', 'a read-only gateway anchors nothing: the collector needs a department gateway');
  const user = env.CITY_GATEWAY_TELEMETRY_USER ?? org.users.find((u) => u.role === Role.Officer)?.name;
  if (user === undefined || user === '') throw new ConfigError('CITY_GATEWAY_TELEMETRY_USER', `${org.file} declares no officer: name the identity that anchors telemetry`);
  return {
    user,
    intervalMs: integer(env, 'CITY_GATEWAY_TELEMETRY_INTERVAL_MS', 5000, 1000, HOUR_MS),
    verifierThreads: integer(env, 'CITY_GATEWAY_TELEMETRY_THREADS', availableParallelism(), 0, 64),
  };
}

function tlsFiles(env: Env, defaultDir: string): GatewayConfig['tls'] {
  const certFile = path.resolve(env.CITY_GATEWAY_TLS_CERT ?? path.join(defaultDir, 'server.crt'));
  const keyFile = path.resolve(env.CITY_GATEWAY_TLS_KEY ?? path.join(defaultDir, 'server.key'));
  const hint = 'network/nodes/gateway.sh issues it from the org\'s TLS CA';
  if (!existsSync(certFile)) throw new ConfigError('CITY_GATEWAY_TLS_CERT', `${certFile} does not exist (${hint})`);
  if (!existsSync(keyFile)) throw new ConfigError('CITY_GATEWAY_TLS_KEY', `${keyFile} does not exist (${hint})`);
  const wide = modeTooOpen(statSync(keyFile).mode);
  if (wide) throw new ConfigError('CITY_GATEWAY_TLS_KEY', `${keyFile} has mode ${wide}; a private key must be 0600 or tighter`);
  return { certFile, keyFile };
}

function required(env: Env, name: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(name, 'is required (for example registry, health, publicworks or auditor)');
  return value.trim();
}

function port(env: Env, name: string, fallback: number): number {
  return integer(env, name, fallback, 1, 65535, 'a port number');
}

function integer(env: Env, name: string, fallback: number, min: number, max: number, what = 'a whole number'): number {
  const raw = env[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new ConfigError(name, `must be ${what} from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined) return fallback;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new ConfigError(name, `must be true or false, got ${JSON.stringify(raw)}`);
}

function bodyLimit(env: Env): number {
  const raw = env.CITY_GATEWAY_BODY_LIMIT ?? '100kb';
  const match = BODY_LIMIT.exec(raw);
  const bytes = match ? Number(match[1]) * (UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1) : NaN;
  if (!(bytes >= 1 && bytes <= MAX_BODY_LIMIT)) {
    throw new ConfigError('CITY_GATEWAY_BODY_LIMIT', `must be a size such as 100kb or 1mb, from 1b to 10mb, got ${JSON.stringify(raw)}`);
  }
  return bytes;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const MAX_RATE_LIMIT = 1_000_000;

function jwt(env: Env, gatewayDir: string): JwtSettings | undefined {
  const issuer = env.CITY_GATEWAY_JWT_ISSUER?.trim();
  const keyVariables = ['CITY_GATEWAY_JWT_AUDIENCE', 'CITY_GATEWAY_JWT_HS256_SECRET_FILE', 'CITY_GATEWAY_JWT_JWKS_URL', 'CITY_GATEWAY_JWT_SUBJECTS'];
  if (issuer === undefined || issuer === '') {
    const stray = keyVariables.find((name) => env[name] !== undefined);
    if (stray !== undefined) throw new ConfigError('CITY_GATEWAY_JWT_ISSUER', `is required when ${stray} is set (it turns JWT authentication on)`);
    return undefined;
  }
  const audience = env.CITY_GATEWAY_JWT_AUDIENCE?.trim();
  if (audience === undefined || audience === '') throw new ConfigError('CITY_GATEWAY_JWT_AUDIENCE', 'is required with CITY_GATEWAY_JWT_ISSUER: the audience tokens must be issued for');
  const hs256SecretFile = env.CITY_GATEWAY_JWT_HS256_SECRET_FILE === undefined ? undefined : secretFile(env.CITY_GATEWAY_JWT_HS256_SECRET_FILE);
  const jwks = env.CITY_GATEWAY_JWT_JWKS_URL === undefined ? undefined : jwksSource(env.CITY_GATEWAY_JWT_JWKS_URL);
  if (hs256SecretFile === undefined && jwks === undefined) {
    throw new ConfigError('CITY_GATEWAY_JWT_JWKS_URL', 'JWT authentication needs keys: set CITY_GATEWAY_JWT_JWKS_URL (RS256) or CITY_GATEWAY_JWT_HS256_SECRET_FILE (HS256)');
  }
  const subjectsFile = path.resolve(env.CITY_GATEWAY_JWT_SUBJECTS ?? path.join(gatewayDir, 'jwt-subjects.json'));
  return { issuer, audience, subjectsFile, ...(hs256SecretFile ? { hs256SecretFile } : {}), ...(jwks ? { jwks } : {}) };
}

/** A secret key file must exist and be readable by its owner only. */
function secretFile(raw: string): string {
  const file = path.resolve(raw);
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch (err) {
    throw new ConfigError('CITY_GATEWAY_JWT_HS256_SECRET_FILE', `cannot read ${file}: ${(err as Error).message}`);
  }
  const wide = modeTooOpen(mode);
  if (wide) throw new ConfigError('CITY_GATEWAY_JWT_HS256_SECRET_FILE', `${file} has mode ${wide}; a secret must be 0600 or tighter (chmod 600 ${file})`);
  return file;
}

/** `https://…`, `http://` on a loopback host only (nothing leaves the machine), or a file path. */
function jwksSource(raw: string): { url: URL } | { file: string } {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    const file = path.resolve(raw);
    if (!existsSync(file)) throw new ConfigError('CITY_GATEWAY_JWT_JWKS_URL', `${file} does not exist (give an https:// URL or a JWKS file)`);
    return { file };
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('CITY_GATEWAY_JWT_JWKS_URL', `is not a valid URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) return { url };
  throw new ConfigError('CITY_GATEWAY_JWT_JWKS_URL', `must be https:// (http:// only on 127.0.0.1, localhost or [::1]), got ${JSON.stringify(raw)}`);
}

function webhookAllow(env: Env): WebhookAllowList {
  try {
    return parseAllowList(env[WEBHOOK_ALLOW_VARIABLE]);
  } catch (err) {
    throw new ConfigError(WEBHOOK_ALLOW_VARIABLE, `must list host names, addresses or CIDRs separated by commas: ${(err as Error).message}`);
  }
}

function rateLimit(env: Env, variable: string, fallback: string): number {
  const raw = env[variable] ?? fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > MAX_RATE_LIMIT) {
    throw new ConfigError(variable, `must be requests per minute, a whole number from 0 (no limit) to ${MAX_RATE_LIMIT}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function metricsListen(env: Env, listenPort: number): MetricsListen | undefined {
  if (env.CITY_GATEWAY_METRICS_PORT === 'off') return undefined;
  const fallback = listenPort + 10_000;
  if (env.CITY_GATEWAY_METRICS_PORT === undefined && fallback > 65535) {
    throw new ConfigError('CITY_GATEWAY_METRICS_PORT', `is required when CITY_GATEWAY_PORT is above 55535 (the default, port + 10000, would be ${fallback}); or set it to off`);
  }
  const metricsPort = port(env, 'CITY_GATEWAY_METRICS_PORT', fallback);
  if (metricsPort === listenPort) throw new ConfigError('CITY_GATEWAY_METRICS_PORT', `must differ from CITY_GATEWAY_PORT (${listenPort})`);
  return { host: env.CITY_GATEWAY_METRICS_HOST ?? DEFAULT_HOST, port: metricsPort };
}

function peers(env: Env, org: OrgDeclaration): PeerEndpoint[] {
  const raw = env.CITY_GATEWAY_PEERS;
  const names = raw === undefined ? org.peers.map((p) => p.name) : raw.split(',').map((s) => s.trim());
  if (names.length === 0 || names.some((n) => n === '')) throw new ConfigError('CITY_GATEWAY_PEERS', `must list peer names separated by commas, got ${JSON.stringify(raw)}`);
  if (new Set(names).size !== names.length) throw new ConfigError('CITY_GATEWAY_PEERS', `names a peer twice: ${JSON.stringify(raw)}`);
  return names.map((name) => {
    const peer = org.peers.find((p) => p.name === name);
    if (!peer) {
      throw new ConfigError('CITY_GATEWAY_PEERS', `${org.name} has no peer "${name}" (its peers: ${org.peers.map((p) => p.name).join(', ')})`);
    }
    return peerEndpoint(org, peer);
  });
}

function consoleDir(env: Env): string | undefined {
  const dir = path.resolve(env.CITY_GATEWAY_CONSOLE_DIR ?? path.join(REPO_DIR, 'console', 'dist'));
  if (existsSync(path.join(dir, 'index.html'))) return dir;
  if (env.CITY_GATEWAY_CONSOLE_DIR !== undefined) throw new ConfigError('CITY_GATEWAY_CONSOLE_DIR', `${dir} holds no index.html (run npm run build)`);
  return undefined;
}
