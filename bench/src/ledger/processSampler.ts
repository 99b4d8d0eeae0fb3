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

/** The kind of a node id (`registry-peer0`, `registry-chaincode-records`, `ca-registry`, ...). */
export function nodeKind(id: string): NodeKind {
  if (id.includes('-chaincode-')) return 'chaincode';
  if (/gateway/.test(id)) return 'gateway';
  if (/(^|-)(tls)?ca(-|$)/.test(id)) return 'ca';
  if (/orderer/.test(id)) return 'orderer';
  if (/peer/.test(id)) return 'peer';
  return 'other';
}

/** One sample: when, and per kind the CPU ms used since start and the resident kB now. */
export interface Sample {
  readonly at: number;
  readonly cpuMs: Record<NodeKind, number>;
  readonly rssKb: Record<NodeKind, number>;
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

  /** The nodes now running: pid → kind (from `PID START BOOT` pid files). */
  private nodes(): Map<number, NodeKind> {
    const nodes = new Map<number, NodeKind>();
    for (const file of readdirSync(this.pidsDir).filter((f) => f.endsWith('.pid'))) {
      const pid = Number(readFileSync(path.join(this.pidsDir, file), 'utf8').split(/\s+/)[0]);
      if (Number.isInteger(pid) && pid > 0) nodes.set(pid, nodeKind(file.slice(0, -'.pid'.length)));
    }
    return nodes;
  }

  /** Takes one sample now: each node and its descendants, by kind. */
  sample(): Sample {
    const nodes = this.nodes();
    const table = processTable();
    const cpuMs = zero();
    const rssKb = zero();
    for (const [pid, [, cpu, rss]] of table) {
      // The nearest ancestor that is a node decides the kind.
      let kind: NodeKind | undefined;
      for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 16 && kind === undefined; hops++) {
        kind = nodes.get(p);
        p = table.get(p)?.[0];
      }
      if (kind === undefined) continue;
      cpuMs[kind] += cpu;
      rssKb[kind] += rss;
    }
    const sample = { at: Date.now(), cpuMs, rssKb };
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
    const before = [...this.samples].reverse().find((s) => s.at <= from) ?? this.samples[0];
    const after = this.samples.find((s) => s.at >= to) ?? this.samples[this.samples.length - 1];
    const used = zero();
    if (!before || !after) return used;
    for (const kind of NODE_KINDS) used[kind] = Math.max(0, after.cpuMs[kind] - before.cpuMs[kind]);
    return used;
  }

  /** The largest total resident memory (kB) sampled from `from` to `to`, with its split by kind. */
  peakRssBetween(from: number, to: number): Record<NodeKind, number> {
    const inside = this.samples.filter((s) => s.at >= from && s.at <= to);
    const total = (s: Sample) => NODE_KINDS.reduce((sum, k) => sum + s.rssKb[k], 0);
    return inside.reduce<Sample | undefined>((best, s) => (best === undefined || total(s) > total(best) ? s : best), undefined)?.rssKb ?? zero();
  }
}
