/**
 * `npm run bench:ledger`: the ledger benchmark beside a baseline. Brings up a network in its
 * own runtime (`.runtime/bench-ledger`, never the dev network's) with the baseline chaincode
 * added (bench/baseline-chaincode, through $CITY_LEDGER_EXTRA_CHAINCODES), runs the baseline and
 * domain rounds interleaved in one Caliper run (fixed load, 4 workers, fabric-gateway
 * connector), samples every node's CPU and memory from /proc meanwhile, and writes the table to
 * its output and to `.runtime/bench/ledger.json` and `.md`. The network uses the org files'
 * ports, so the dev network must be down (or run this in a network namespace of its own).
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `BENCH_ROUND_SECONDS` | 10 | length of each round |
 * | `BENCH_LOAD` | 32 | transactions in flight across the 4 workers |
 * | `BENCH_LEDGER_RUNTIME` | `.runtime/bench-ledger` | the benchmark network's runtime folder |
 * | `CITY_LEDGER_KEEP_NETWORK` | unset | `1` leaves the benchmark network up afterwards |
 *
 * @example
 * ```bash
 * BENCH_ROUND_SECONDS=30 npm run bench:ledger
 * ```
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConsortium, RuntimeLayout } from '@city-ledger/network';
import { positive, run } from '../settings';
import { writeCaliperWorkspace } from './caliperConfig';
import { ProcessSampler } from './processSampler';
import { ledgerReport, markdown } from './report';
import { ROUNDS } from './rounds';
import { resultsFile, type WorkerRound } from './workloadModule';

const REPO_DIR = path.resolve(__dirname, '..', '..', '..');
const RUNTIME = path.resolve(process.env.BENCH_LEDGER_RUNTIME ?? path.join(REPO_DIR, '.runtime', 'bench-ledger'));
const OUT_DIR = path.join(REPO_DIR, '.runtime', 'bench');
const SECONDS = positive('BENCH_ROUND_SECONDS', 10);
const LOAD = positive('BENCH_LOAD', 32);
const WORKERS = 4;
/** Long enough for the nodes to settle after start-up, so memory is idle memory. */
const IDLE_WAIT_MS = 10_000;
const SAMPLE_MS = 500;

const networkEnv = {
  ...process.env,
  CITY_LEDGER_RUNTIME: RUNTIME,
  CITY_LEDGER_EXTRA_CHAINCODES: path.join(REPO_DIR, 'bench', 'baseline-chaincode', 'chaincodes.yaml'),
};

/** Runs a command to its end; output to `log` (a file) or to ours. */
function exec(command: string, args: string[], log?: string, onLine?: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_DIR, env: networkEnv, stdio: ['ignore', log ? 'pipe' : 'inherit', log ? 'pipe' : 'inherit'] });
    if (log) {
      const file = createWriteStream(log);
      let partial = '';
      const take = (chunk: Buffer) => {
        file.write(chunk);
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop() ?? '';
        lines.forEach((line) => onLine?.(line));
      };
      child.stdout?.on('data', take);
      child.stderr?.on('data', take);
    }
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}${log ? `; see ${log}` : ''}`))));
  });
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  console.log(`bench:ledger: bringing up the benchmark network in ${RUNTIME}`);
  await exec('bash', [path.join(REPO_DIR, 'network', 'up.sh')]);
  const loadAverageBefore = loadAverage();
  const sampler = new ProcessSampler(path.join(RUNTIME, 'pids'));
  const loadAverages: [number, number][] = [];
  const loadTimer = setInterval(() => loadAverages.push([Date.now(), Number(loadAverage().split(' ')[0])]), 5_000);
  sampler.start(SAMPLE_MS);
  try {
    await sleep(IDLE_WAIT_MS);
    const idleAt = Date.now();
    const caliperDir = path.join(RUNTIME, 'bench', 'caliper');
    const resultsDir = path.join(caliperDir, 'results');
    rmSync(resultsDir, { recursive: true, force: true });
    mkdirSync(resultsDir, { recursive: true });
    const { networkConfig, benchConfig } = writeCaliperWorkspace({
      consortium: loadConsortium(path.join(REPO_DIR, 'organizations')),
      layout: new RuntimeLayout(RUNTIME),
      channel: 'city',
      dir: caliperDir,
      rounds: ROUNDS,
      settings: { seconds: SECONDS, load: LOAD, workers: WORKERS },
      workloadModule: path.join(__dirname, 'workloadModule.js'),
      run,
      resultsDir,
    });
    console.log(`bench:ledger: ${ROUNDS.length} rounds of ${SECONDS} s, load ${LOAD}, ${WORKERS} workers (Caliper log: ${path.join(OUT_DIR, 'ledger-caliper.log')})`);
    await exec(
      process.execPath,
      [
        require.resolve('@hyperledger/caliper-cli/caliper.js'),
        'launch',
        'manager',
        '--caliper-workspace', REPO_DIR,
        '--caliper-networkconfig', networkConfig,
        '--caliper-benchconfig', benchConfig,
        '--caliper-flow-only-test',
        '--caliper-report-path', path.join(OUT_DIR, 'ledger-caliper-report.html'),
      ],
      path.join(OUT_DIR, 'ledger-caliper.log'),
      (line) => {
        if (/Started round|Finished round/.test(line)) console.log(line.replace(/^.*?\[round-orchestrator\]\s*/, ''));
      },
    );
    sampler.stop();
    const results = new Map(
      ROUNDS.map((round) => [
        round.label,
        [...Array(WORKERS).keys()]
          .map((w) => resultsFile(resultsDir, round.label, w))
          .filter((f) => existsSync(f))
          .map((f) => JSON.parse(readFileSync(f, 'utf8')) as WorkerRound),
      ]),
    );
    const report = ledgerReport({
      rounds: ROUNDS,
      results,
      sampler,
      idleAt,
      loadAverages,
      machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', loadAverageBefore, loadAverageAfter: loadAverage() },
      settings: { roundSeconds: SECONDS, transactionLoad: LOAD, workers: WORKERS, at: new Date().toISOString() },
    });
    writeFileSync(path.join(OUT_DIR, 'ledger.json'), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(path.join(OUT_DIR, 'ledger.md'), markdown(report));
    console.log(`\n${markdown(report)}\nwritten to ${path.join(OUT_DIR, 'ledger.json')} and ledger.md`);
  } finally {
    sampler.stop();
    clearInterval(loadTimer);
    if (process.env.CITY_LEDGER_KEEP_NETWORK !== '1') await exec('bash', [path.join(REPO_DIR, 'network', 'down.sh')]);
  }
}

main().catch((err: unknown) => {
  console.error(`bench:ledger failed: ${(err as Error).message}`);
  process.exitCode = 1;
});
