/**
 * What each node's supervisor (network/lib/supervise.sh) records in its state file
 * (RuntimeLayout.supervisionFile): whether the node runs or waits to be restarted, its pid, how
 * many times it was restarted and how its last run ended. `status` prints it (through
 * `cli.js supervision`) and the tests read it.
 *
 * @example
 * const state = readSupervisionState(layout, 'registry-peer0');
 * // { id: 'registry-peer0', state: 'running', nodePid: 4242, restarts: 1, lastExit: 'signal 9', lastExitAt: '2026-12-01T00:12:03+0000', nextDelayMs: 1000 }
 * supervisionSummary(state); // 'restarts 1, last exit signal 9 at 2026-12-01T00:12:03+0000'
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RuntimeLayout } from './layout';

/** running: the node runs; waiting: it failed and waits out its backoff; stopped: `down` stopped it; exited: it stopped by itself. */
export type SupervisedState = 'running' | 'waiting' | 'stopped' | 'exited';

export interface SupervisionState {
  readonly id: string;
  readonly state: SupervisedState;
  /** The node's own pid (the supervisor's is in the pid file); 0 while it waits. */
  readonly nodePid: number;
  readonly restarts: number;
  /** `signal 9`, `exit 1`, or '' before its first exit. */
  readonly lastExit: string;
  readonly lastExitAt: string;
  /** The delay chosen before the last restart (the backoff), in ms; 0 before any. */
  readonly nextDelayMs: number;
}

const STATES: readonly string[] = ['running', 'waiting', 'stopped', 'exited'];

/** Parses a state file's `KEY=value` lines; throws on a file the supervisor did not write. */
export function parseSupervisionState(id: string, text: string): SupervisionState {
  const fields = new Map(
    text
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  const state = fields.get('state') ?? '';
  if (!STATES.includes(state)) throw new Error(`${id}: not a supervisor state file (state=${JSON.stringify(state)})`);
  return {
    id,
    state: state as SupervisedState,
    nodePid: Number(fields.get('node_pid') ?? 0),
    restarts: Number(fields.get('restarts') ?? 0),
    lastExit: fields.get('last_exit') ?? '',
    lastExitAt: fields.get('last_exit_at') ?? '',
    nextDelayMs: Number(fields.get('next_delay_ms') ?? 0),
  };
}

/** Node `id`'s state, or undefined if no supervisor ever ran it in this runtime. */
export function readSupervisionState(layout: RuntimeLayout, id: string): SupervisionState | undefined {
  const file = layout.supervisionFile(id);
  return existsSync(file) ? parseSupervisionState(id, readFileSync(file, 'utf8')) : undefined;
}

/** Every node's state, by id order. */
export function allSupervisionStates(layout: RuntimeLayout): SupervisionState[] {
  const dir = layout.supervisionDir();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.state'))
    .sort()
    .map((name) => parseSupervisionState(name.slice(0, -'.state'.length), readFileSync(path.join(dir, name), 'utf8')));
}

/** One line for `status`: the restarts and how the last run ended (and when). */
export function supervisionSummary(s: SupervisionState): string {
  const waiting = s.state === 'waiting' ? `, restarting in ${s.nextDelayMs} ms` : '';
  return s.lastExit === '' ? `restarts ${s.restarts}` : `restarts ${s.restarts}, last exit ${s.lastExit} at ${s.lastExitAt}${waiting}`;
}
