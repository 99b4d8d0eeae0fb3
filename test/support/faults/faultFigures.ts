/**
 * The figures of the fault scenarios, in `.runtime/bench/faults.json` (under the runtime folder
 * in force): one entry per scenario, merged into what other scenarios (or test files) wrote, so
 * that the Raft and BFT suites share one file. Figures are recorded, never asserted on.
 *
 * @example
 * recordFaultFigures('raft-leader-killed', { acknowledged: 812, lost: 0, firstCommitAfterKillMs: 5400 });
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { networkEnv } from '../network';

/** One scenario's figures: numbers, or nested groups of them (per phase). */
export interface FaultFigures {
  readonly [name: string]: number | string | null | FaultFigures;
}

/** The file the figures go to. */
export const faultFiguresFile = () => path.join(networkEnv().RUNTIME_DIR, 'bench', 'faults.json');

/** The machine the figures were measured on, recorded with them. */
function machine(): FaultFigures {
  return { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), platform: `${os.platform()} ${os.release()}` };
}

/** Merges `figures` as `scenario`'s entry into faults.json (replacing an earlier run's), stamped with the time and the machine. */
export function recordFaultFigures(scenario: string, figures: FaultFigures): void {
  const file = faultFiguresFile();
  mkdirSync(path.dirname(file), { recursive: true });
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // No figures yet (or an unreadable file, which the new one replaces).
  }
  all.machine = machine();
  all[scenario] = { ...figures, recordedAt: new Date().toISOString() };
  // Written whole and renamed, so a reader never sees half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(all, null, 2)}\n`);
  renameSync(temporary, file);
  process.stdout.write(`\nfault figures, ${scenario}: ${JSON.stringify(figures)}\n`);
}
