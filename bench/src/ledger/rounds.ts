/**
 * The order bench:ledger runs its rounds in: the baseline create between the domains' writes
 * (so a drift of the busy machine shows in the baseline too), each domain's read after the write
 * that created its records, and the baseline read among the reads.
 *
 * @example
 * ```ts
 * ROUNDS[1]; // { label: 'parcel-register', workload: 'parcel-register' }
 * ROUNDS.find((r) => r.label === 'parcel-read')?.uses; // 'parcel-register'
 * ```
 */
import { WORKLOADS, type WorkloadName } from './workloads';

export interface Round {
  /** Unique in the run: the workload, numbered when it runs more than once. */
  readonly label: string;
  readonly workload: WorkloadName;
  /** The label of the round whose records this one reads or changes. */
  readonly uses?: string;
}

const ORDER: readonly WorkloadName[] = [
  'baseline-create',
  'parcel-register',
  'parcel-encumbrance',
  'baseline-create',
  'birth-register',
  'permit-apply',
  'baseline-create',
  'credential-issue',
  'shipment-create',
  'coldchain-readings',
  'custody-handover',
  'baseline-create',
  'baseline-read',
  'parcel-read',
  'birth-read',
  'permit-read',
  'credential-verify',
  'shipment-read',
  'baseline-read',
];

function rounds(order: readonly WorkloadName[]): Round[] {
  const seen = new Map<WorkloadName, number>();
  const firstLabel = new Map<string, string>();
  return order.map((workload) => {
    const n = (seen.get(workload) ?? 0) + 1;
    seen.set(workload, n);
    const label = order.filter((w) => w === workload).length > 1 ? `${workload}-${n}` : workload;
    if (!firstLabel.has(workload)) firstLabel.set(workload, label);
    const used: string | undefined = (WORKLOADS[workload] as { uses?: string }).uses;
    if (used === undefined) return { label, workload };
    const uses = firstLabel.get(used);
    if (uses === undefined) throw new Error(`round ${label} reads what ${used} creates, which runs after it`);
    return { label, workload, uses };
  });
}

export const ROUNDS: readonly Round[] = rounds(ORDER);
