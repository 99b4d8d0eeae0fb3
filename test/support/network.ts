import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { chaincodeServerPort, endpoint, loadChaincodes, loadConsortium, OrgDeclaration, readSupervisionState, RuntimeLayout, type SupervisionState } from '@city-ledger/network';

const run = promisify(execFile);

export const REPO_DIR = path.resolve(__dirname, '..', '..');
const NETWORK_DIR = path.join(REPO_DIR, 'network');

/** Paths and settings as the network scripts see them (from network/print-env.sh). */
export interface NetworkEnv {
  RUNTIME_DIR: string;
  ORGS_DIR: string;
  CHANNEL_NAME: string;
  FABRIC_BIN_DIR: string;
  FABRIC_CFG_PATH: string;
}

/**
 * Jest gives each test file its own copy of `process.env`, which child processes do not see
 * unless it is passed: every script and CLI started here gets it explicitly, so a test that
 * points CITY_LEDGER_RUNTIME or CITY_LEDGER_ORGS elsewhere (orgs.test.ts) really moves them.
 */
let cachedEnv: { key: string; value: NetworkEnv } | undefined;
export function networkEnv(): NetworkEnv {
  const key = `${process.env.CITY_LEDGER_RUNTIME ?? ''}\n${process.env.CITY_LEDGER_ORGS ?? ''}`;
  if (cachedEnv?.key !== key) {
    const out = execFileSync('bash', [path.join(NETWORK_DIR, 'print-env.sh')], { encoding: 'utf8', env: process.env });
    const value = Object.fromEntries(
      out
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    ) as unknown as NetworkEnv;
    cachedEnv = { key, value };
  }
  return cachedEnv.value;
}

/** The org files, read afresh each time: org.sh add and remove change them while tests run. */
export const consortium = () => loadConsortium(networkEnv().ORGS_DIR);
export const layout = () => new RuntimeLayout(networkEnv().RUNTIME_DIR);

export function org(key: string): OrgDeclaration {
  const found = consortium().orgs.find((o) => o.key === key);
  if (!found) throw new Error(`no org ${key}`);
  return found;
}

/** Runs network/<script>.sh and returns its output; rejects with the output if it fails. */
export async function networkScript(script: string, ...args: string[]): Promise<string> {
  try {
    const { stdout, stderr } = await run('bash', [path.join(NETWORK_DIR, `${script}.sh`), ...args], {
      env: process.env,
      maxBuffer: 32 * 1024 * 1024,
    });
    return stdout + stderr;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${script}.sh failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

/**
 * Runs the `peer` CLI against one of an org's peers, as its admin or as another of its users
 * (`clerk1`): a query then runs on that very peer, never another.
 */
export async function peerCli(orgKey: string, peerName: string, args: string[], user = 'admin'): Promise<string> {
  const env = networkEnv();
  const o = org(orgKey);
  const peer = o.peers.find((p) => p.name === peerName);
  if (!peer) throw new Error(`no peer ${orgKey}/${peerName}`);
  const { stdout, stderr } = await run(path.join(env.FABRIC_BIN_DIR, 'peer'), args, {
    env: {
      ...process.env,
      FABRIC_CFG_PATH: env.FABRIC_CFG_PATH,
      CORE_PEER_LOCALMSPID: o.mspId,
      CORE_PEER_MSPCONFIGPATH: path.join(layout().clientDir(o, user), 'msp'),
      CORE_PEER_ADDRESS: endpoint(peer.host, peer.port),
      CORE_PEER_TLS_ENABLED: 'true',
      CORE_PEER_TLS_ROOTCERT_FILE: layout().tlsCaFile(o),
    },
    maxBuffer: 32 * 1024 * 1024,
  });
  return stdout + stderr;
}

/** Where a peer's copy of channel `city` ends: its height and the hash of its last block. */
export interface ChainInfo {
  readonly height: number;
  readonly currentBlockHash: string;
}

/**
 * A peer's height and last block hash on channel `city` (`peer channel getinfo`).
 *
 * @example
 * const { height, currentBlockHash } = await chainInfo('auditor', 'peer0');
 */
export async function chainInfo(orgKey: string, peerName: string): Promise<ChainInfo> {
  const out = await peerCli(orgKey, peerName, ['channel', 'getinfo', '-c', networkEnv().CHANNEL_NAME]);
  const match = /\{.*"height".*\}/.exec(out);
  if (!match) throw new Error(`no chain info in: ${out}`);
  const info = JSON.parse(match[0]) as { height: number; currentBlockHash: string };
  return { height: info.height, currentBlockHash: info.currentBlockHash };
}

/** The block height a peer reports for channel `city`. */
export async function peerHeight(orgKey: string, peerName: string): Promise<number> {
  return (await chainInfo(orgKey, peerName)).height;
}

/** Every peer of the consortium as [org key, peer name]. */
export function allPeers(): [string, string][] {
  return consortium().orgs.flatMap((o) => o.peers.map((p): [string, string] => [o.key, p.name]));
}

/** The chaincode declarations (chaincode/chaincodes.yaml). */
export const chaincodes = () => loadChaincodes(path.join(REPO_DIR, 'chaincode', 'chaincodes.yaml'));

/** Every TCP port the org files assign: CAs, orderers, peers, chaincode servers and gateways. */
export function allPorts(): number[] {
  const declared = chaincodes();
  return consortium().orgs.flatMap((o) => [
    ...declared.map((c) => chaincodeServerPort(o, c)),
    o.ca.port,
    o.ca.operationsPort,
    o.tlsCa.port,
    o.tlsCa.operationsPort,
    o.gatewayPort,
    ...o.orderers.flatMap((n) => [n.port, n.adminPort, n.operationsPort]),
    ...o.peers.flatMap((n) => [n.port, n.chaincodePort, n.operationsPort]),
  ]);
}

/** Runs a Bash snippet with network/lib/common.sh sourced, so that tests ask the scripts' own helpers. */
async function withCommon(snippet: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('bash', ['-c', `source "${NETWORK_DIR}/lib/common.sh"; ${snippet}`, 'bash', ...args], { env: process.env });
  return stdout;
}

/**
 * Stops one node the scripts started (`registry-peer0`) as `down` does (`stop_process`): SIGTERM
 * to its process group, SIGKILL after 10 s, and only if its pid file names the live node. Start
 * it again with `networkScript('nodes/peer', org, name)`.
 */
export async function stopNode(id: string): Promise<void> {
  await withCommon('stop_process "$1"', id);
}

/**
 * Brings every org's chaincode host to serve exactly the declared chaincodes (of
 * $CITY_LEDGER_CHAINCODES when set): `start_chaincode_hosts` of network/lib/chaincode.sh, which
 * restarts a host only if what it serves changed, and waits until each listens.
 */
export async function startChaincodeHosts(): Promise<void> {
  const lib = (name: string) => `source "${path.join(NETWORK_DIR, 'lib', name)}"`;
  const script = [lib('common.sh'), lib('orgs.sh'), lib('chaincode.sh'), 'load_orgs "$(saved_profile)"', 'load_chaincodes', 'start_chaincode_hosts "${LOCAL_ORGS[@]}"'];
  await run('bash', ['-c', script.join('; ')], { env: process.env });
}

/** The pid file the network scripts keep for node `id`: "PID START BOOT" (see network/lib/common.sh). */
export const pidFile = (id: string) => path.join(networkEnv().RUNTIME_DIR, 'pids', `${id}.pid`);

/**
 * Every node the scripts consider running, by id, with its pid: each pid file checked by the
 * scripts' own `node_pid` (the very process started, not a zombie nor a reused pid).
 *
 * @example
 * for (const pid of (await runningNodes()).values()) process.kill(pid, 'SIGKILL');
 */
export async function runningNodes(): Promise<Map<string, number>> {
  const stdout = await withCommon(`shopt -s nullglob
    for file in "$RUNTIME_DIR"/pids/*.pid; do id="$(basename "$file" .pid)"; if pid="$(node_pid "$id")"; then echo "$id $pid"; fi; done`);
  return new Map(stdout.trim().split('\n').filter(Boolean).map((line) => {
    const [id = '', pid = ''] = line.split(' ');
    return [id, Number(pid)];
  }));
}

/** The log file the network scripts write for process `id` (`registry-orderer0`): their own `log_file`. */
export async function logFile(id: string): Promise<string> {
  return (await withCommon('log_file "$1"', id)).trim();
}

/**
 * Sends `signal` to node `id` together with its supervisor (network/lib/supervise.sh): to their
 * whole process group, as `down` signals it. SIGKILL so is the node's host dying: nothing
 * restarts it until a test starts it again (`networkScript('nodes/peer', org, name)`) or runs
 * `up`; SIGSTOP so freezes the host, until SIGCONT. A signal to the node's own pid
 * (`supervision(id).nodePid`) is a crash that its supervisor recovers from. Answers the pid file's pid.
 *
 * @example
 * await signalNodeHost('health-orderer0', 'SIGKILL');   // down until restarted
 */
export async function signalNodeHost(id: string, signal: NodeJS.Signals): Promise<number> {
  const pid = (await runningNodes()).get(id);
  if (pid === undefined) throw new Error(`${id} is not running`);
  process.kill(-pid, signal);
  return pid;
}

/** What node `id`'s supervisor last recorded: its node's pid, restarts and last exit; throws if none ran it. */
export function supervision(id: string): SupervisionState {
  const state = readSupervisionState(layout(), id);
  if (!state) throw new Error(`no supervisor state for ${id}`);
  return state;
}
