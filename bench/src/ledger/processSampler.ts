/**
 * CPU time and resident memory of every process the network scripts started in one runtime
 * (its `pids/` folder: peers, orderers, chaincode servers, gateways, CAs) and of their children,
 * sampled from /proc at a fixed interval, so that bench:ledger can say where the cores went
 * during a round and how much memory the whole system holds.
 *
 * @example
 * ```ts
 * const sampler = new ProcessSampler('.runtime/bench-ledger/pids');
 * sampler.start(500);
 * // ... a round ...
 * sampler.stop();
 * sampler.cpuMsBetween(t0, t1); // { peer: 5210, orderer: 1830, ... }
 * ```
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What kind of node a process is, by its id in the pid folder. */
export type NodeKind = 'peer' | 'orderer' | 'chaincode' | 'gateway' | 'ca' | 'other';
export const NODE_KINDS: readonly NodeKind[] = ['peer', 'orderer', 'chaincode', 'gateway', 'ca', 'other'];

/** The kind of a node id (`registry-peer0`, `registry-chaincodes`, `ca-registry`, ...). */
export function nodeKind(id: string): NodeKind {
  if (id.endsWith('-chaincodes')) return 'chaincode';
  if (/gateway/.test(id)) return 'gateway';
  if (/(^|-)(tls)?ca(-|$)/.test(id)) return 'ca';
  if (/orderer/.test(id)) return 'orderer';
  if (/peer/.test(id)) return 'peer';
  return 'other';
}

/** One sample: when, and per kind (and per node) the CPU ms used since start and the resident kB now. */
export interface Sample {
  readonly at: number;
  readonly cpuMs: Record<NodeKind, number>;
  readonly rssKb: Record<NodeKind, number>;
  /** CPU ms by node id (`registry-peer0`), its children included. */
  readonly cpuMsByNode: Record<string, number>;
}

/** Clock ticks per second of /proc/PID/stat: 100 on Linux (USER_HZ). */
const TICKS_PER_S = 100;

const zero = (): Record<NodeKind, number> => ({ peer: 0, orderer: 0, chaincode: 0, gateway: 0, ca: 0, other: 0 });

/** pid → [ppid, cpu ms, rss kB] of every process, or undefined for one that just ended. */
function processTable(): Map<number, [number, number, number]> {
  const table = new Map<number, [number, number, number]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name (field 2) may hold spaces: fields count from after its ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_S;
      const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${name}/status`, 'utf8'));
      table.set(Number(name), [ppid, cpuMs, Number(rss?.[1] ?? 0)]);
    } catch {
      // It ended between the listing and the read.
    }
  }
  return table;
}

export class ProcessSampler {
  readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly pidsDir: string) {}

  /** The nodes now running: pid → node id (from `PID START BOOT` pid files). */
  private nodes(): Map<number, string> {
    const nodes = new Map<number, string>();
    for (const file of readdirSync(this.pidsDir).filter((f) => f.endsWith('.pid'))) {
      const pid = Number(readFileSync(path.join(this.pidsDir, file), 'utf8').split(/\s+/)[0]);
      if (Number.isInteger(pid) && pid > 0) nodes.set(pid, file.slice(0, -'.pid'.length));
    }
    return nodes;
  }

  /** Takes one sample now: each node and its descendants, by kind. */
  sample(): Sample {
    const nodes = this.nodes();
    const table = processTable();
    const cpuMs = zero();
    const rssKb = zero();
    const cpuMsByNode: Record<string, number> = {};
    for (const [pid, [, cpu, rss]] of table) {
      // The nearest ancestor that is a node decides which node it counts for.
      let node: string | undefined;
      for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 16 && node === undefined; hops++) {
        node = nodes.get(p);
        p = table.get(p)?.[0];
      }
      if (node === undefined) continue;
      cpuMs[nodeKind(node)] += cpu;
      rssKb[nodeKind(node)] += rss;
      cpuMsByNode[node] = (cpuMsByNode[node] ?? 0) + cpu;
    }
    const sample = { at: Date.now(), cpuMs, rssKb, cpuMsByNode };
    this.samples.push(sample);
    return sample;
  }

  start(intervalMs: number): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }

  /**
   * CPU ms each kind used from `from` to `to` (the samples just outside the window). A process
   * that ended or started inside it counts only while sampled, which the network's long-lived
   * nodes always are.
   */
  cpuMsBetween(from: number, to: number): Record<NodeKind, number> {
    const [before, after] = this.around(from, to);
    const used = zero();
    if (!before || !after) return used;
    for (const kind of NODE_KINDS) used[kind] = Math.max(0, after.cpuMs[kind] - before.cpuMs[kind]);
    return used;
  }

  /** CPU ms each node used from `from` to `to`, as {@link cpuMsBetween}. */
  cpuMsByNodeBetween(from: number, to: number): Record<string, number> {
    const [before, after] = this.around(from, to);
    if (!before || !after) return {};
    return Object.fromEntries(Object.entries(after.cpuMsByNode).map(([node, ms]) => [node, Math.max(0, ms - (before.cpuMsByNode[node] ?? 0))]));
  }

  /** The samples just outside a window (or the first and last). */
  private around(from: number, to: number): [Sample | undefined, Sample | undefined] {
    return [
      [...this.samples].reverse().find((s) => s.at <= from) ?? this.samples[0],
      this.samples.find((s) => s.at >= to) ?? this.samples[this.samples.length - 1],
    ];
  }

  /** The largest total resident memory (kB) sampled from `from` to `to`, with its split by kind. */
  peakRssBetween(from: number, to: number): Record<NodeKind, number> {
    const inside = this.samples.filter((s) => s.at >= from && s.at <= to);
    const total = (s: Sample) => NODE_KINDS.reduce((sum, k) => sum + s.rssKb[k], 0);
    return inside.reduce<Sample | undefined>((best, s) => (best === undefined || total(s) > total(best) ? s : best), undefined)?.rssKb ?? zero();
  }
}
