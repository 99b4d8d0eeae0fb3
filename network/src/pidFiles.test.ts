import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const COMMON = path.resolve(__dirname, '..', 'lib', 'common.sh');

/**
 * The pid files of network/lib/common.sh: a node counts as running only while the very process
 * its file names lives, so a zombie, a pid reused after a reboot or a malformed file is stale,
 * and stop_process signals no stranger.
 */
describe('pid files (network/lib/common.sh)', () => {
  let runtime: string;
  const strangers: ChildProcess[] = [];
  const file = (id: string) => path.join(runtime, 'pids', `${id}.pid`);
  const common = (snippet: string, ...args: string[]) =>
    execFileSync('bash', ['-c', `source "${COMMON}"; ${snippet}`, 'bash', ...args], {
      env: { ...process.env, CITY_LEDGER_RUNTIME: runtime, SUPERVISION_DIR: path.join(runtime, 'supervision') },
      encoding: 'utf8',
      stdio: 'pipe',
    });
  const running = (id: string) => common('if is_running "$1"; then echo yes; else echo no; fi', id).trim() === 'yes';
  const alive = (p: ChildProcess) => p.exitCode === null && p.signalCode === null;
  /** A live process that is not a node, leading its own process group as a node does. */
  const stranger = () => {
    const p = spawn('sleep', ['600'], { detached: true, stdio: 'ignore' });
    strangers.push(p);
    return p;
  };

  beforeEach(() => {
    runtime = mkdtempSync(path.join(os.tmpdir(), 'city-pids-'));
  });
  afterEach(() => {
    for (const p of strangers.splice(0)) p.kill('SIGKILL');
    common('stop_process node');
    rmSync(runtime, { recursive: true, force: true });
  });

  test('a started node is recorded as "PID START BOOT", runs, and stop_process ends it', () => {
    common('start_process node sleep 600');
    const [pid, start, boot] = readFileSync(file('node'), 'utf8').trim().split(' ');
    expect(Number(start)).toBeGreaterThan(0);
    expect(boot).toBe(readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim());
    expect(running('node')).toBe(true);
    expect(common('node_pid node').trim()).toBe(pid);

    common('stop_process node');
    expect(running('node')).toBe(false);
    expect(existsSync(file('node'))).toBe(false);
  });

  test.each([
    ['its file as before, the pid now a stranger\'s (after a reboot)', (pid: number, text: string) => text.replace(/^\d+/, String(pid))],
    ['a bare pid, written by hand', (pid: number) => `${pid}\n`],
  ])('%s: not running, stop_process leaves the stranger alone, start_process starts the node', (_, rewrite) => {
    common('start_process node sleep 600');
    const recorded = readFileSync(file('node'), 'utf8');
    common('stop_process node');
    const other = stranger();
    writeFileSync(file('node'), rewrite(other.pid as number, recorded));

    expect(running('node')).toBe(false);
    common('stop_process node');
    expect(alive(other)).toBe(true);

    writeFileSync(file('node'), rewrite(other.pid as number, recorded));
    common('start_process node sleep 600');
    expect(running('node')).toBe(true);
    expect(common('node_pid node').trim()).not.toBe(String(other.pid));
  });

  test('a node killed a moment ago, a zombie until reaped, is not running', () => {
    // Its parent, a shell that then becomes `sleep`, never reaps it.
    const parent = spawn('bash', ['-c', `source "${COMMON}"; start_process node sleep 600; exec sleep 600`], {
      env: { ...process.env, CITY_LEDGER_RUNTIME: runtime, SUPERVISION_DIR: path.join(runtime, 'supervision') },
      stdio: 'ignore',
    });
    strangers.push(parent);
    const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
    // A deadline, not a count of polls: on a loaded machine each poll's `sleep` takes far longer.
    const waitFor = (what: string, ok: () => boolean) => {
      const deadline = Date.now() + 60_000;
      while (!ok()) {
        if (Date.now() > deadline) throw new Error(`no ${what}`);
        execFileSync('sleep', ['0.05']);
      }
    };
    waitFor('exec of the parent', () => read(`/proc/${parent.pid}/comm`).trim() === 'sleep');
    const pid = Number(read(file('node')).split(' ')[0]);
    expect(running('node')).toBe(true);

    process.kill(pid, 'SIGKILL');
    waitFor('zombie', () => /^[^)]*\) Z/s.test(read(`/proc/${pid}/stat`)));
    expect(running('node')).toBe(false);
  });

  test.each(['0', '-1', '1', 'abc', ''])('a malformed pid file (%j) is not running, and stop_process signals nothing', (text) => {
    common('mkdir -p "$RUNTIME_DIR/pids"');
    writeFileSync(file('node'), `${text}\n`);
    expect(running('node')).toBe(false);
    // `kill -- -0` would end this very shell's group: it must survive to say so.
    expect(common('stop_process node; echo survived').trim()).toBe('survived');
  });
});
