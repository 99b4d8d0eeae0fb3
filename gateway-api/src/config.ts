/**
 * The gateway's configuration, read once at start-up from the environment and the org files,
 * and validated before anything listens. A bad value stops the gateway with a
 * {@link ConfigError} that names the variable and the problem.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `CITY_GATEWAY_ORG` | (required) | org key, the file name in `organizations/` (`registry`) |
 * | `CITY_GATEWAY_HOST` | `127.0.0.1` | listen address |
 * | `CITY_GATEWAY_PORT` | `8080` | listen port |
 * | `CITY_GATEWAY_CHANNEL` | `city` | channel name |
 * | `CITY_GATEWAY_PEERS` | every peer of the org, in org-file order | comma-separated peer names; the first is preferred, the rest are failover |
 * | `CITY_GATEWAY_API_KEYS` | `<runtime>/gateway/<org>/api-keys.json` | hashed API keys (see auth/apiKeys.ts) |
 * | `CITY_GATEWAY_BODY_LIMIT` | `100kb` | largest JSON body (`b`, `kb` or `mb`; at most 10mb) |
 * | `CITY_GATEWAY_READ_ONLY` | `true` for a regulator org, else `false` | refuse every write route with 403 |
 * | `CITY_GATEWAY_PROBE_USER` | the org file's first user | Fabric identity `/readyz` uses for its chain-info query |
 * | `CITY_GATEWAY_LOG_LEVEL` | `info` | pino level |
 * | `CITY_GATEWAY_STORE` | `<runtime>/gateway/<org>/gateway.db` | the SQLite store (idempotency keys, transaction jobs, …) |
 * | `CITY_GATEWAY_CONFLICT_RETRIES` | `3` | fresh proposals after an MVCC / phantom-read conflict at commit (0-10) |
 * | `CITY_GATEWAY_IDEMPOTENCY_TTL_HOURS` | `24` | how long an `Idempotency-Key`'s answer is kept (1-720) |
 * | `CITY_GATEWAY_TRANSACTION_TTL_HOURS` | `168` | how long a finished transaction stays pollable at `/v1/transactions/{txId}` (1-8760) |
 * | `CITY_LEDGER_ORGS` | `<repo>/organizations` | org files (as for the network scripts) |
 * | `CITY_LEDGER_RUNTIME` | `<repo>/.runtime` | runtime folder (as for the network scripts) |
 *
 * @example
 * ```ts
 * const config = loadConfig(process.env);   // throws ConfigError on a bad value
 * config.peers[0];                           // { name: 'peer0', address: '127.0.0.1:7051', hostOverride: 'peer0.registry.city.local' }
 * ```
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findOrg, LISTEN_HOST, loadConsortium, nodeHost, OrgDeclaration, RuntimeLayout } from '@city-ledger/network';
import { DEFAULT_SUBMIT_SETTINGS, type SubmitSettings } from './submit/submitter';

/** A configuration problem; the message names the variable (or file) and what is wrong. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

/** One peer the gateway connects to. */
export interface PeerEndpoint {
  /** Peer name in the org file (`peer0`). */
  readonly name: string;
  /** `host:port` to dial. */
  readonly address: string;
  /** Host name in the peer's TLS certificate (`peer0.registry.city.local`). */
  readonly hostOverride: string;
}

/** Per-call-kind gRPC deadlines, in milliseconds. */
export interface CallDeadlines {
  readonly evaluate: number;
  readonly endorse: number;
  readonly submit: number;
  readonly commitStatus: number;
}

/** Defaults: reads are quick; endorsement may run chaincode on several orgs; a commit waits for a block. */
export const DEFAULT_DEADLINES: CallDeadlines = { evaluate: 5_000, endorse: 15_000, submit: 5_000, commitStatus: 60_000 };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The validated configuration. */
export interface GatewayConfig {
  readonly org: OrgDeclaration;
  readonly channel: string;
  readonly listen: { readonly host: string; readonly port: number };
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
  readonly logLevel: LogLevel;
  readonly deadlines: CallDeadlines;
  /** The SQLite file of the gateway's durable state. */
  readonly storeFile: string;
  readonly submit: SubmitSettings;
}

/** The settings the HTTP app itself needs; tests build the app from these alone. */
export type AppSettings = Pick<GatewayConfig, 'readOnly' | 'bodyLimitBytes'> & { readonly orgName: string; readonly mspId: string };

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
  const tlsCaFile = path.join(layout.orgMspDir(org), 'tlscacerts', 'tlsca.pem');
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

  return {
    org,
    channel,
    listen: { host: env.CITY_GATEWAY_HOST ?? LISTEN_HOST, port: port(env, 'CITY_GATEWAY_PORT', 8080) },
    peers: peers(env, org),
    layout,
    tlsCaFile,
    apiKeysFile: path.resolve(env.CITY_GATEWAY_API_KEYS ?? path.join(runtimeDir, 'gateway', org.key, 'api-keys.json')),
    bodyLimitBytes: bodyLimit(env),
    readOnly,
    probeUser,
    logLevel: logLevel as LogLevel,
    deadlines: DEFAULT_DEADLINES,
    storeFile: path.resolve(env.CITY_GATEWAY_STORE ?? path.join(runtimeDir, 'gateway', org.key, 'gateway.db')),
    submit: {
      conflictRetry: { ...DEFAULT_SUBMIT_SETTINGS.conflictRetry, retries: integer(env, 'CITY_GATEWAY_CONFLICT_RETRIES', DEFAULT_SUBMIT_SETTINGS.conflictRetry.retries, 0, 10) },
      idempotencyTtlMs: HOUR_MS * integer(env, 'CITY_GATEWAY_IDEMPOTENCY_TTL_HOURS', DEFAULT_SUBMIT_SETTINGS.idempotencyTtlMs / HOUR_MS, 1, 720),
      transactionTtlMs: HOUR_MS * integer(env, 'CITY_GATEWAY_TRANSACTION_TTL_HOURS', DEFAULT_SUBMIT_SETTINGS.transactionTtlMs / HOUR_MS, 1, 8760),
    },
  };
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
    return { name, address: `${LISTEN_HOST}:${peer.port}`, hostOverride: nodeHost(org, name) };
  });
}
