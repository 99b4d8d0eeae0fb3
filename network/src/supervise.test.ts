import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RuntimeLayout } from './layout';
import { parseSupervisionState, readSupervisionState, supervisionSummary, type SupervisionState } from './supervisionState';

const LIB = path.resolve(__dirname, '..', 'lib');

/**
 * The single-machine supervisor (network/lib/supervise.sh), run by start_process as each node's
 * session leader: its backoff policy, and what it does when the node dies, stops by itself, or
 * is stopped on purpose (stop_process, as `down` does). The nodes here are `sleep` and `sh`.
 */
describe('node supervision (network/lib/supervise.sh)', () => {
  let runtime: string;
  let layout: RuntimeLayout;
  /** Runs a Bash snippet with common.sh sourced; `env` adds to the environment (the backoff's bounds). */
  const bash = (snippet: string, env: Record<string, string> = {}) =>
    execFileSync('bash', ['-c', `source "${LIB}/common.sh"; ${snippet}`], {
      env: { ...process.env, CITY_LEDGER_RUNTIME: runtime, SUPERVISION_DIR: layout.supervisionDir(), ...env },
      encoding: 'utf8',
      stdio: 'pipe',
    });
  const state = (): SupervisionState | undefined => readSupervisionState(layout, 'node');
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return !/^[^)]*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  const supervisorPid = () => Number(readFileSync(path.join(runtime, 'pids', 'node.pid'), 'utf8').split(' ')[0]);
  /** Polls until `ok` holds (the supervisor acts on its own time); throws naming `what` after 20 s. */
  async function until(what: string, ok: () => boolean): Promise<void> {
    for (let i = 0; i < 400 && !ok(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    if (!ok()) throw new Error(`no ${what}; state: ${JSON.stringify(state())}`);
  }

  beforeEach(() => {
    runtime = mkdtempSync(path.join(os.tmpdir(), 'city-supervise-'));
    layout = new RuntimeLayout(runtime);
  });
  afterEach(() => {
    bash('stop_process node');
    rmSync(runtime, { recursive: true, force: true });
  });

  test('the backoff doubles from 1 s to 30 s while the node dies at once, and starts over after a minute of running', () => {
    const delays = bash(`source "${LIB}/supervise.sh"
      delay=0; for ran in 10 10 10 10 10 10 10 59999 60000 10; do delay="$(restart_delay "$delay" "$ran")"; echo "$delay"; done`);
    expect(delays.trim().split('\n').map(Number)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 1000, 2000]);
  });

  test('a node that keeps dying at once is restarted with growing delays, up to the ceiling, not in a hot loop', async () => {
    bash(`start_process node sh -c 'exit 3'`, { CITY_LEDGER_RESTART_MIN_MS: '20', CITY_LEDGER_RESTART_MAX_MS: '160' });
    await until('sixth restart', () => (state()?.restarts ?? 0) >= 6);
    const log = readFileSync(path.join(runtime, 'logs', 'node.log'), 'utf8');
    const delays = [...log.matchAll(/exit 3; restart \d+ in (\d+) ms/g)].map((m) => Number(m[1]));
    expect(delays.slice(0, 6)).toEqual([20, 40, 80, 160, 160, 160]);
    expect(state()).toMatchObject({ lastExit: 'exit 3' });
  });

  test('a node SIGKILLed comes back by itself, and status reads its restart and exit reason', async () => {
    bash('start_process node sleep 600');
    await until('running node', () => state()?.state === 'running');
    const first = state()?.nodePid as number;
    expect(first).not.toBe(supervisorPid());
    process.kill(first, 'SIGKILL');

    await until('restarted node', () => state()?.state === 'running' && state()?.nodePid !== first);
    expect(alive(state()?.nodePid as number)).toBe(true);
    expect(state()).toMatchObject({ restarts: 1, lastExit: 'signal 9', nextDelayMs: 1000 });
    expect(supervisionSummary(state() as SupervisionState)).toMatch(/^restarts 1, last exit signal 9 at \d{4}-\d\d-\d\dT/);
  });

  test('status reads a waiting node with its delay, and refuses a state file the supervisor did not write', () => {
    const waiting = parseSupervisionState('node', 'state=waiting\nnode_pid=0\nrestarts=3\nlast_exit=exit 1\nlast_exit_at=2026-12-01T00:14:10+0000\nnext_delay_ms=4000\n');
    expect(supervisionSummary(waiting)).toBe('restarts 3, last exit exit 1 at 2026-12-01T00:14:10+0000, restarting in 4000 ms');
    expect(supervisionSummary(parseSupervisionState('node', 'state=running\nnode_pid=7\nrestarts=0\n'))).toBe('restarts 0');
    expect(() => parseSupervisionState('node', '4242 1234 boot\n')).toThrow('node: not a supervisor state file');
  });

  test('stop_process (as `down`) ends the node and its supervisor for good: a deliberate stop is not undone', async () => {
    bash('start_process node sleep 600');
    await until('running node', () => state()?.state === 'running');
    const [node, supervisor] = [state()?.nodePid as number, supervisorPid()];

    bash('stop_process node');
    expect([alive(node), alive(supervisor)]).toEqual([false, false]);
    expect(state()).toMatchObject({ state: 'stopped', restarts: 0 });
    expect(existsSync(path.join(runtime, 'pids', 'node.pid'))).toBe(false);
  });

  test('a stop while the node waits out its delay ends the supervisor before the restart', async () => {
    bash(`start_process node sh -c 'exit 1'`, { CITY_LEDGER_RESTART_MIN_MS: '600000' });
    await until('waiting supervisor', () => state()?.state === 'waiting');
    const supervisor = supervisorPid();
    bash('stop_process node');
    expect(alive(supervisor)).toBe(false);
    expect(state()).toMatchObject({ state: 'stopped', restarts: 1 });
  });

  test.each([
    ['exits 0', `sh -c 'sleep 0.2'`, 'exit 0'],
    ['is sent SIGTERM by hand', `sh -c 'kill -TERM $$; sleep 600'`, 'signal 15'],
  ])('a node that %s stopped by itself, as under systemd Restart=on-failure: not restarted', async (_, command, reason) => {
    bash(`start_process node ${command}`);
    await until('exited node', () => state()?.state === 'exited');
    expect(state()).toMatchObject({ restarts: 0, lastExit: reason });
    expect(bash('if is_running node; then echo running; else echo gone; fi').trim()).toBe('gone');
  });

  test('the supervisor SIGKILLed alone takes its node with it, so that no unsupervised node holds its ports', async () => {
    bash('start_process node sleep 600');
    await until('running node', () => state()?.state === 'running');
    const node = state()?.nodePid as number;
    process.kill(supervisorPid(), 'SIGKILL');
    await until('node gone', () => !alive(node));
  });
});
