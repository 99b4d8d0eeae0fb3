/**
 * The SmartBFT consenters of channel `city`, as the fault scenarios of test/bft.test.ts need them:
 * which one leads (from the orderers' own metrics, `consensus_BFT_is_leader`), and where
 * each one's chain ends (its newest block, fetched from it, and that block's header hash), so
 * that a scenario can wait until every orderer and every peer is on the same block.
 *
 * @example
 * const leader = await waitForBftLeader(30_000);               // { org: 'auditor', name: 'orderer0', ... }
 * process.kill(pidOf(leader), 'SIGKILL');
 * const next = await waitForBftLeader(60_000, [leader.id]);    // elected by a view change
 * const agreedInMs = await waitForLedgerAgreement(30_000);     // orderers and peers on one block
 */
import { blockHeaderHash } from '@city-ledger/audit';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { consortium, layout, networkEnv, org, peerCli } from '../network';
import { peerChains } from './ledgerAgreement';
import { metrics, waitForSingleLeader, type OrdererNode } from './raftLeader';

const run = promisify(execFile);

/** Every orderer the org files declare for the BFT profile (the four consenters). */
export function bftOrderers(): OrdererNode[] {
  return consortium().orgs.flatMap((o) =>
    o.orderers.filter((n) => n.profiles.includes('bft')).map((n) => ({ org: o.key, name: n.name, id: `${o.key}-${n.name}`, operationsPort: n.operationsPort })),
  );
}

/** The value of a `city` channel gauge in an orderer's metrics, or undefined when it does not answer. */
async function channelGauge(orderer: OrdererNode, name: string): Promise<number | undefined> {
  const text = await metrics(orderer).catch(() => '');
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(`channel="${networkEnv().CHANNEL_NAME}"`));
  return line === undefined ? undefined : Number(line.trim().split(/\s+/).at(-1));
}

/** The consenters that report themselves leader now (one; none during a view change; two while a restarted one has not synced). */
export async function bftLeaders(excluding: readonly string[] = []): Promise<OrdererNode[]> {
  const candidates = bftOrderers().filter((o) => !excluding.includes(o.id));
  const leading = await Promise.all(candidates.map(async (o) => (await channelGauge(o, 'consensus_BFT_is_leader')) === 1));
  return candidates.filter((_, i) => leading[i]);
}

/** Waits until exactly one consenter (not among `excluding`) reports itself leader, and answers it. */
export const waitForBftLeader = (deadlineMs: number, excluding: readonly string[] = []) => waitForSingleLeader('BFT', bftLeaders, deadlineMs, excluding);

/** Where one node's chain ends: its height and the hash of its newest block (base64, as `peer channel getinfo` prints it). */
export interface ChainEnd {
  readonly height: number;
  readonly currentBlockHash: string;
}

/** The header of a block file as `configtxlator proto_decode` prints it (bytes in base64). */
interface DecodedHeader {
  readonly number: string;
  readonly previous_hash: string;
  readonly data_hash: string;
}

/** An orderer's newest block, fetched from it by its own org's admin, reduced to its height and header hash. */
export async function ordererChainEnd(orderer: OrdererNode): Promise<ChainEnd> {
  const o = org(orderer.org);
  const port = o.orderers.find((n) => n.name === orderer.name)?.port;
  const peer = o.peers[0];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'city-block-'));
  try {
    const file = path.join(dir, 'newest.block');
    // As the orderer's own org admin, with the CLI set up for one of that org's peers (every org has one).
    if (!peer) throw new Error(`${orderer.org} has no peer to run the CLI as`);
    await peerCli(orderer.org, peer.name, [
      'channel', 'fetch', 'newest', file, '-c', networkEnv().CHANNEL_NAME,
      '-o', `127.0.0.1:${port}`, '--tls', '--cafile', layout().tlsCaFile(o),
    ]);
    // To a file: configtxlator opens /dev/stdout, which a pipe from Node is not.
    const decoded = path.join(dir, 'newest.json');
    await run(path.join(networkEnv().FABRIC_BIN_DIR, 'configtxlator'), ['proto_decode', '--input', file, '--type', 'common.Block', '--output', decoded]);
    const header = (JSON.parse(readFileSync(decoded, 'utf8')) as { header: DecodedHeader }).header;
    const number = Number(header.number);
    const hash = blockHeaderHash({ number, previousHash: Buffer.from(header.previous_hash, 'base64'), dataHash: Buffer.from(header.data_hash, 'base64') });
    return { height: number + 1, currentBlockHash: Buffer.from(hash).toString('base64') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every orderer's and every peer's chain end, by node (`orderer registry-orderer0`, `peer registry/peer0`); an unreachable node is absent. */
export async function chainEnds(): Promise<Map<string, ChainEnd>> {
  const ends = new Map<string, ChainEnd>();
  for (const orderer of bftOrderers()) {
    const end = await ordererChainEnd(orderer).catch(() => undefined);
    if (end) ends.set(`orderer ${orderer.id}`, end);
  }
  for (const [peer, info] of await peerChains()) ends.set(`peer ${peer}`, info);
  return ends;
}

/**
 * Waits until every orderer and every peer ends on the same block (height and header hash);
 * resolves to how long that took, in ms. Rejects after `deadlineMs` with what each one reported.
 */
export async function waitForLedgerAgreement(deadlineMs: number): Promise<number> {
  const started = Date.now();
  const nodes = bftOrderers().length + consortium().orgs.reduce((n, o) => n + o.peers.length, 0);
  for (;;) {
    const ends = await chainEnds();
    const distinct = new Set([...ends.values()].map((e) => `${e.height} ${e.currentBlockHash}`));
    if (ends.size === nodes && distinct.size === 1) return Date.now() - started;
    if (Date.now() - started > deadlineMs) throw new Error(`orderers and peers did not agree within ${deadlineMs} ms: ${JSON.stringify(Object.fromEntries(ends))}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
