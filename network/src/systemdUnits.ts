import path from 'node:path';
import {
  caEnvironment,
  chaincodeHostEnvironment,
  EnvironmentContext,
  gatewayEnvironment,
  NodeEnvironment,
  ordererEnvironment,
  peerEnvironment,
} from './nodeEnvironments';
import { CA_KINDS, nodeId } from './layout';
import { OrgDeclaration } from './orgFile';

/**
 * systemd units that run one org's nodes on its own host, as its own Linux user: the same
 * binaries and the same generated env files (network/src/nodeEnvironments.ts) as the
 * single-machine start scripts (network/nodes/*.sh), under systemd's restart and sandbox.
 *
 * @example
 * const units = orgUnits(ctx, findOrg(ctx.consortium, 'registry'), { fabricBinDir, fabricConfigDir, nodeBin });
 * units[0].name; // 'city-ledger-registry-ca.service'
 * renderUnit(units[0]); // '[Unit]\nDescription=City Ledger identity CA of registry\n...'
 */

/** Where the org's host keeps what the units run. */
export interface UnitOptions {
  /** The Fabric binaries built by network/install-fabric.sh (`peer`, `orderer`, `fabric-ca-server`). */
  readonly fabricBinDir: string;
  /** Fabric's sample core.yaml and orderer.yaml (FABRIC_CFG_PATH), from install-fabric.sh too. */
  readonly fabricConfigDir: string;
  /** Node 22 (the repo's node_modules/.bin/node). */
  readonly nodeBin: string;
  /** The org's Linux user; `city-<org>` by default. */
  readonly user?: string;
  /** Its group; the user's name by default. */
  readonly group?: string;
}

/** One `Key=value` line of a unit section, in order (a key may repeat). */
export type UnitLine = readonly [key: string, value: string];

export interface SystemdUnit {
  /** `city-ledger-registry-peer0.service` */
  readonly name: string;
  readonly unit: readonly UnitLine[];
  readonly service: readonly UnitLine[];
  readonly install: readonly UnitLine[];
}

/** The default Linux user of an org: `city-registry`. */
export function orgUser(org: OrgDeclaration): string {
  return `city-${org.key}`;
}

/** The unit of one of the org's processes: `city-ledger-registry-peer0.service`. */
export function unitName(org: OrgDeclaration, node: string): string {
  return `city-ledger-${nodeId(org, node)}.service`;
}

/** The target that starts every unit of an org: `city-ledger-registry.target`. */
export function orgTarget(org: OrgDeclaration): string {
  return `city-ledger-${org.key}.target`;
}

/**
 * Paths go into command lines and sandbox settings unquoted; one with a space, a quote, a
 * `$` or a `%` would be split or expanded by systemd. Refused rather than escaped.
 */
const PLAIN_PATH = /^\/[A-Za-z0-9._/+-]*$/;

function plainPath(file: string): string {
  if (!PLAIN_PATH.test(file)) throw new Error(`UNIT_PATH: ${JSON.stringify(file)} cannot go into a systemd unit: use a path of letters, digits and ._/+-`);
  return file;
}

/**
 * Homes systemd hides under ProtectHome=yes. A repo or Fabric install under one of them
 * (a developer's ~/.cache) only gets ProtectHome=read-only, or the binaries would vanish.
 */
const HOME_DIRS = ['/home', '/root', '/run/user'];

function protectHome(paths: readonly string[]): string {
  return paths.some((p) => HOME_DIRS.some((h) => p === h || p.startsWith(`${h}/`))) ? 'read-only' : 'yes';
}

/** How one kind of node runs: its command, what it writes, what it waits for. */
interface NodeRun {
  readonly node: string;
  readonly env: NodeEnvironment;
  readonly execStart: string;
  /** The only folders it may write (ProtectSystem=strict); created for the org's user before it starts. */
  readonly writes: readonly string[];
  /** Extra variables the start script sets outside the env file. */
  readonly environment?: readonly string[];
  /** Units of the same org it needs up first (After= and Wants=). */
  readonly after?: readonly string[];
}

/**
 * A command with one environment variable taken from a file when the unit starts (the CA's
 * bootstrap secret): `/bin/sh` exports it, so it is neither in the unit nor on the command line,
 * which any local user can read in /proc (a process's environment only its owner can).
 */
function withFileEnvironment(command: readonly string[], variable: string, prefix: string, file: string): string {
  return `/bin/sh -c '${variable}="${prefix}$$(cat ${plainPath(file)})"; export ${variable}; exec "$$@"' sh ${command.join(' ')}`;
}

function caRun(ctx: EnvironmentContext, org: OrgDeclaration, kind: (typeof CA_KINDS)[number], options: UnitOptions): NodeRun {
  const env = caEnvironment(ctx, org, kind);
  return {
    node: kind,
    env,
    // network/nodes/ca.sh: `fabric-ca-server start` with FABRIC_CA_SERVER_BOOT=admin:<its bootstrap secret>.
    execStart: withFileEnvironment([path.join(options.fabricBinDir, 'fabric-ca-server'), 'start'], 'FABRIC_CA_SERVER_BOOT', 'admin:', path.join(env.home, 'bootstrap.secret')),
    writes: [env.home],
  };
}

function ordererRun(ctx: EnvironmentContext, org: OrgDeclaration, name: string, options: UnitOptions): NodeRun {
  const env = ordererEnvironment(ctx, org, name);
  return {
    node: name,
    env,
    execStart: path.join(options.fabricBinDir, 'orderer'),
    writes: [path.join(env.home, 'data')],
    environment: fabricEnvironment(options),
  };
}

function peerRun(ctx: EnvironmentContext, org: OrgDeclaration, name: string, options: UnitOptions): NodeRun {
  const peer = org.peers.find((p) => p.name === name);
  if (!peer) throw new Error(`no peer ${name} in ${org.file}`);
  const env = peerEnvironment(ctx, org, peer);
  return {
    node: name,
    env,
    execStart: `${path.join(options.fabricBinDir, 'peer')} node start`,
    writes: [path.join(env.home, 'data')],
    // Its ccaas builder (network/ccaas-builder) needs bash and jq from systemd's default PATH.
    environment: fabricEnvironment(options),
  };
}

/** What network/nodes/peer.sh and orderer.sh export besides the env file. */
function fabricEnvironment(options: UnitOptions): string[] {
  return [`FABRIC_CFG_PATH=${plainPath(options.fabricConfigDir)}`, 'FABRIC_LOGGING_SPEC=info'];
}

function chaincodeHostRun(ctx: EnvironmentContext, org: OrgDeclaration, options: UnitOptions): NodeRun {
  // network/nodes/chaincode.sh: the org's chaincode host, given each chaincode's settings file (it reads
  // the package IDs that deploy.sh writes when it starts).
  const settings = ctx.chaincodes.map((cc) => plainPath(ctx.layout.chaincodeServerSettingsFile(org, cc.name)));
  return {
    node: 'chaincodes',
    env: chaincodeHostEnvironment(ctx, org),
    execStart: [options.nodeBin, path.join(ctx.repoDir, 'chaincode', 'common', 'dist', 'host', 'main.js'), ...settings].join(' '),
    writes: [],
    after: org.peers.map((p) => unitName(org, p.name)),
  };
}

function gatewayRun(ctx: EnvironmentContext, org: OrgDeclaration, options: UnitOptions): NodeRun {
  const env = gatewayEnvironment(ctx, org);
  return {
    node: 'gateway',
    env,
    execStart: `${options.nodeBin} ${path.join(ctx.repoDir, 'gateway-api', 'dist', 'main.js')}`,
    // Its store, API keys and CRL; and the client identities it enrolls at the org's CA.
    writes: [env.home, path.dirname(ctx.layout.clientDir(org, 'admin'))],
    environment: ['CITY_GATEWAY_LOG_LEVEL=info'],
    // It endorses through the org's peers and registers clients at the org's identity CA.
    after: [unitName(org, 'ca'), ...org.peers.map((p) => unitName(org, p.name))],
  };
}

function unitFor(ctx: EnvironmentContext, org: OrgDeclaration, run: NodeRun, options: UnitOptions): SystemdUnit {
  const user = options.user ?? orgUser(org);
  const group = options.group ?? user;
  const after = run.after ?? [];
  const read = [ctx.repoDir, options.fabricBinDir, options.fabricConfigDir, options.nodeBin, ctx.layout.root];
  return {
    name: unitName(org, run.node),
    unit: [
      ['Description', `City Ledger ${run.env.what}`],
      ['Documentation', 'file://' + plainPath(path.join(ctx.repoDir, 'README.md'))],
      // Nodes bind their org file's host address: it must be configured first.
      ['Wants', ['network-online.target', ...after].join(' ')],
      ['After', ['network-online.target', ...after].join(' ')],
      ['PartOf', orgTarget(org)],
      // Give up after 5 failed starts in 10 minutes (a node that cannot start needs its operator).
      ['StartLimitIntervalSec', '600'],
      ['StartLimitBurst', '5'],
    ],
    service: [
      ['Type', 'simple'],
      ['User', user],
      ['Group', group],
      ['WorkingDirectory', plainPath(ctx.layout.orgDir(org))],
      ['EnvironmentFile', plainPath(ctx.layout.envFile(run.env.home))],
      ...(run.environment ?? []).map((e): UnitLine => ['Environment', e]),
      // `+`: made with full privileges, before the sandbox, for the org's user.
      ...run.writes.map((dir): UnitLine => ['ExecStartPre', `+/usr/bin/install -d -o ${user} -g ${group} -m 0750 ${plainPath(dir)}`]),
      ['ExecStart', run.execStart],
      ['Restart', 'on-failure'],
      ['RestartSec', '5s'],
      ['TimeoutStopSec', '30s'],
      ['LimitNOFILE', '65536'],
      ['NoNewPrivileges', 'yes'],
      ['PrivateTmp', 'yes'],
      ['ProtectSystem', 'strict'],
      ['ProtectHome', protectHome(read)],
      ...(run.writes.length > 0 ? [['ReadWritePaths', run.writes.join(' ')] as UnitLine] : []),
      ['ProtectKernelTunables', 'yes'],
      ['ProtectControlGroups', 'yes'],
      ['UMask', '0027'],
    ],
    install: [['WantedBy', orgTarget(org)]],
  };
}

/**
 * One unit per process of the org: its CAs, its orderers in `ctx.profile`, its peers, a
 * chaincode host serving all the chaincodes and its gateway, then the target that starts them all.
 */
export function orgUnits(ctx: EnvironmentContext, org: OrgDeclaration, options: UnitOptions): SystemdUnit[] {
  const runs = [
    ...CA_KINDS.map((kind) => caRun(ctx, org, kind, options)),
    ...org.orderers.filter((o) => o.profiles.includes(ctx.profile)).map((o) => ordererRun(ctx, org, o.name, options)),
    ...org.peers.map((p) => peerRun(ctx, org, p.name, options)),
    chaincodeHostRun(ctx, org, options),
    gatewayRun(ctx, org, options),
  ];
  return runs.map((run) => unitFor(ctx, org, run, options));
}

/** The org's target: `systemctl enable --now city-ledger-registry.target` starts every node. */
export function renderTarget(org: OrgDeclaration, units: readonly SystemdUnit[]): string {
  return [
    '[Unit]',
    `Description=City Ledger nodes of ${org.name} (${org.mspId})`,
    `Wants=${units.map((u) => u.name).join(' ')}`,
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

/** A unit file's text. */
export function renderUnit(unit: SystemdUnit): string {
  const section = (title: string, lines: readonly UnitLine[]) => [`[${title}]`, ...lines.map(([k, v]) => `${k}=${v}`)];
  return [
    '# Generated by `npm run units` (network/src/systemdUnits.ts) from the org files; edit those, not this file.',
    ...section('Unit', unit.unit),
    '',
    ...section('Service', unit.service),
    '',
    ...section('Install', unit.install),
    '',
  ].join('\n');
}
