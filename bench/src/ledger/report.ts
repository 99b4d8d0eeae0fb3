/**
 * bench:ledger's figures from what the workers recorded and what the sampler saw: per round its
 * throughput, p50 and max latency, its ratio to the baseline (writes to the mean baseline create,
 * reads to the mean baseline read) and, for writes, the network's CPU ms per committed
 * transaction by kind of node; and the whole system's resident memory at idle and under writes.
 *
 * @example
 * ```ts
 * const report = ledgerReport({ rounds, results, sampler, idle, machine });
 * writeFileSync('ledger.md', markdown(report));
 * ```
 */
import type { NodeKind, ProcessSampler } from './processSampler';
import { NODE_KINDS } from './processSampler';
import type { Round } from './rounds';
import type { WorkerRound } from './workloadModule';
import { WORKLOADS } from './workloads';

export interface RoundFigures {
  readonly label: string;
  readonly title: string;
  readonly write: boolean;
  readonly committed: number;
  readonly failed: number;
  readonly seconds: number;
  readonly tps: number;
  readonly p50Ms: number;
  readonly maxMs: number;
  /** To the mean baseline create (writes) or read (reads). */
  readonly ratio: number;
  /** Writes: the network's CPU ms per committed transaction, by kind of node and in all. */
  readonly cpuMsPerTx?: Record<NodeKind | 'total', number>;
  /** Writes: the share of both cores the network used during the round. */
  readonly coresBusy?: number;
  /** Load average (1 min) at the end of the round, the other agents on the machine included. */
  readonly loadAverage?: number;
}

export interface LedgerReport {
  readonly machine: { readonly cores: number; readonly cpu: string; readonly loadAverageBefore: string; readonly loadAverageAfter: string };
  readonly settings: Record<string, number | string>;
  readonly rounds: readonly RoundFigures[];
  /** CPU ms per committed transaction of each node over all write rounds, busiest first. */
  readonly cpuMsPerTxByNode: Readonly<Record<string, number>>;
  /** Resident memory of every node, MiB: idle before the rounds, and the peak during the writes. */
  readonly memoryMiB: { readonly idle: Record<NodeKind | 'total', number>; readonly underWrites: Record<NodeKind | 'total', number> };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

function withTotal(byKind: Record<NodeKind, number>, scale: (n: number) => number): Record<NodeKind | 'total', number> {
  const total = NODE_KINDS.reduce((sum, k) => sum + byKind[k], 0);
  return { ...(Object.fromEntries(NODE_KINDS.map((k) => [k, scale(byKind[k])])) as Record<NodeKind, number>), total: scale(total) };
}

const quantile = (sorted: readonly number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

export interface ReportInput {
  readonly rounds: readonly Round[];
  /** Each round's records, one per worker. */
  readonly results: ReadonlyMap<string, readonly WorkerRound[]>;
  readonly sampler: ProcessSampler;
  /** When the idle memory sample was taken. */
  readonly idleAt: number;
  /** The load average (1 min) sampled through the run, by time. */
  readonly loadAverages: readonly [number, number][];
  readonly machine: LedgerReport['machine'];
  readonly settings: LedgerReport['settings'];
}

export function ledgerReport(input: ReportInput): LedgerReport {
  const measured = input.rounds.map((round) => {
    const txs = (input.results.get(round.label) ?? []).flatMap((w) => w.txs);
    const ok = txs.filter(([, , committed]) => committed);
    const from = Math.min(...txs.map(([s]) => s));
    const to = Math.max(...txs.map(([, e]) => e));
    const seconds = txs.length > 0 ? (to - from) / 1000 : 0;
    const latencies = ok.map(([s, e]) => e - s).sort((a, b) => a - b);
    return { round, from, to, seconds, committed: ok.length, failed: txs.length - ok.length, latencies };
  });
  const tps = (m: (typeof measured)[number]) => (m.seconds > 0 ? m.committed / m.seconds : 0);
  const meanTps = (workload: string) => {
    const of = measured.filter((m) => m.round.workload === workload);
    return of.reduce((sum, m) => sum + tps(m), 0) / Math.max(1, of.length);
  };
  const baseline = { write: meanTps('baseline-create'), read: meanTps('baseline-read') };
  const writeWindows: [number, number][] = [];
  const rounds = measured.map((m): RoundFigures => {
    const workload = WORKLOADS[m.round.workload];
    const figures: RoundFigures = {
      label: m.round.label,
      title: workload.title,
      write: workload.write,
      committed: m.committed,
      failed: m.failed,
      seconds: round1(m.seconds),
      tps: round1(tps(m)),
      p50Ms: Math.round(quantile(m.latencies, 0.5)),
      maxMs: Math.round(m.latencies[m.latencies.length - 1] ?? 0),
      ratio: round2(tps(m) / ((workload.write ? baseline.write : baseline.read) || 1)),
      loadAverage: input.loadAverages.find(([at]) => at >= m.to)?.[1],
    };
    if (!workload.write || m.committed === 0) return figures;
    writeWindows.push([m.from, m.to]);
    const cpu = input.sampler.cpuMsBetween(m.from, m.to);
    const total = NODE_KINDS.reduce((sum, k) => sum + cpu[k], 0);
    return { ...figures, cpuMsPerTx: withTotal(cpu, (n) => round1(n / m.committed)), coresBusy: round2(total / (m.seconds * 1000)) };
  });
  const peak = writeWindows
    .map(([from, to]) => input.sampler.peakRssBetween(from, to))
    .reduce<Record<NodeKind, number> | undefined>((best, rss) => (!best || sum(rss) > sum(best) ? rss : best), undefined);
  const idle = [...input.sampler.samples].reverse().find((s) => s.at <= input.idleAt)?.rssKb;
  const committedInWrites = rounds.filter((r) => r.cpuMsPerTx).reduce((n, r) => n + r.committed, 0);
  const byNode = new Map<string, number>();
  for (const [from, to] of writeWindows) {
    for (const [node, ms] of Object.entries(input.sampler.cpuMsByNodeBetween(from, to))) byNode.set(node, (byNode.get(node) ?? 0) + ms);
  }
  const cpuMsPerTxByNode = Object.fromEntries(
    [...byNode].sort(([, a], [, b]) => b - a).map(([node, ms]) => [node, round2(ms / Math.max(1, committedInWrites))]),
  );
  const mib = (n: number) => round1(n / 1024);
  return {
    machine: input.machine,
    settings: input.settings,
    rounds,
    cpuMsPerTxByNode,
    memoryMiB: { idle: withTotal(idle ?? zeroKinds(), mib), underWrites: withTotal(peak ?? zeroKinds(), mib) },
  };
}

const sum = (r: Record<NodeKind, number>) => NODE_KINDS.reduce((s, k) => s + r[k], 0);
const zeroKinds = (): Record<NodeKind, number> => ({ peer: 0, orderer: 0, chaincode: 0, gateway: 0, ca: 0, other: 0 });

/** The report as Markdown tables. */
export function markdown(report: LedgerReport): string {
  const cpuKinds: (NodeKind | 'total')[] = ['peer', 'orderer', 'chaincode', 'gateway', 'ca', 'total'];
  const lines = [
    `Machine: ${report.machine.cores} cores (${report.machine.cpu}); load average before ${report.machine.loadAverageBefore}, after ${report.machine.loadAverageAfter}.`,
    `Settings: ${Object.entries(report.settings).map(([k, v]) => `${k}=${v}`).join(', ')}.`,
    '',
    '| round | workload | committed | failed | TPS | p50 ms | max ms | × baseline | CPU ms/tx (peer / orderer / chaincode / gateway / CA = total) | cores busy | load avg |',
    '|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|',
    ...report.rounds.map((r) =>
      [
        r.label,
        r.title,
        r.committed,
        r.failed,
        r.tps,
        r.p50Ms,
        r.maxMs,
        r.ratio.toFixed(2),
        r.cpuMsPerTx ? `${cpuKinds.slice(0, -1).map((k) => r.cpuMsPerTx?.[k]).join(' / ')} = ${r.cpuMsPerTx.total}` : '',
        r.coresBusy ?? '',
        r.loadAverage ?? '',
      ].join(' | '),
    ).map((row) => `| ${row} |`),
    '',
    `CPU ms per committed transaction by node, all write rounds: ${Object.entries(report.cpuMsPerTxByNode)
      .filter(([, ms]) => ms >= 0.1)
      .map(([node, ms]) => `${node} ${ms}`)
      .join(', ')}.`,
    '',
    '| resident memory, MiB | peers | orderers | chaincode servers | gateways | CAs | total |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...(['idle', 'underWrites'] as const).map((when) => {
      const m = report.memoryMiB[when];
      return `| ${when === 'idle' ? 'idle' : 'peak under writes'} | ${m.peer} | ${m.orderer} | ${m.chaincode} | ${m.gateway} | ${m.ca} | ${m.total} |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}
