/**
 * The Raft leader of channel `city`, found from the orderers' own reports: each orderer's
 * Prometheus metric `consensus_etcdraft_is_leader{channel="city"}` on its operations endpoint
 * (TLS from its org's TLS CA; Fabric serves /metrics only to a client certificate, here the org
 * admin's TLS certificate). Exactly one live orderer reports 1 once a leader is elected.
 *
 * @example
 * const leader = await waitForRaftLeader(30_000);          // { org: 'health', name: 'orderer0', id: 'health-orderer0' }
 * const next = await waitForRaftLeader(30_000, [leader.id]); // another one, after the kill
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import path from 'node:path';
import { consortium, layout } from '../network';

/** One orderer of the consortium, with the id its pid file goes by. */
export interface OrdererNode {
  readonly org: string;
  readonly name: string;
  /** `registry-orderer0`: the node id of network/lib/common.sh. */
  readonly id: string;
  readonly operationsPort: number;
}

/** Every orderer the org files declare for the Raft profile. */
export function raftOrderers(): OrdererNode[] {
  return consortium().orgs.flatMap((o) =>
    o.orderers.filter((n) => n.profiles.includes('raft')).map((n) => ({ org: o.key, name: n.name, id: `${o.key}-${n.name}`, operationsPort: n.operationsPort })),
  );
}

/** An orderer's Prometheus metrics text; rejects when it does not answer within 3 s. */
export function metrics(orderer: OrdererNode): Promise<string> {
  const o = consortium().orgs.find((org) => org.key === orderer.org);
  if (!o) throw new Error(`no org ${orderer.org}`);
  const ca = readFileSync(layout().tlsCaFile(o));
  const tls = path.join(layout().clientDir(o, 'admin'), 'tls');
  const [cert, key] = [readFileSync(path.join(tls, 'client.crt')), readFileSync(path.join(tls, 'client.key'))];
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: orderer.operationsPort, path: '/metrics', ca, cert, key, timeout: 3_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`${orderer.id} /metrics answered ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error(`${orderer.id} /metrics timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** True when the orderer reports itself leader of `channel`; false when it is a follower or does not answer. */
export async function isRaftLeader(orderer: OrdererNode, channel = 'city'): Promise<boolean> {
  const text = await metrics(orderer).catch(() => '');
  const line = text.split('\n').find((l) => l.startsWith('consensus_etcdraft_is_leader{') && l.includes(`channel="${channel}"`));
  return line !== undefined && Number(line.trim().split(/\s+/).at(-1)) === 1;
}

/** The orderers that report themselves leader now (one, or none during an election). */
export async function raftLeaders(excluding: readonly string[] = []): Promise<OrdererNode[]> {
  const candidates = raftOrderers().filter((o) => !excluding.includes(o.id));
  const leading = await Promise.all(candidates.map((o) => isRaftLeader(o)));
  return candidates.filter((_, i) => leading[i]);
}

/** Waits until `leaders` (a Raft or a BFT lookup) answers exactly one orderer not among `excluding`, and answers it. */
export async function waitForSingleLeader(
  kind: string,
  leaders: (excluding: readonly string[]) => Promise<OrdererNode[]>,
  deadlineMs: number,
  excluding: readonly string[] = [],
): Promise<OrdererNode> {
  const started = Date.now();
  for (;;) {
    const found = await leaders(excluding);
    if (found.length === 1) return found[0] as OrdererNode;
    if (Date.now() - started > deadlineMs) throw new Error(`no single ${kind} leader within ${deadlineMs} ms (reporting: ${found.map((l) => l.id).join(', ') || 'none'})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Waits until exactly one orderer (not among `excluding`) reports itself leader, and answers it. */
export const waitForRaftLeader = (deadlineMs: number, excluding: readonly string[] = []) => waitForSingleLeader('Raft', raftLeaders, deadlineMs, excluding);
