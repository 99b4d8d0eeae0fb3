/**
 * Device-signed readings per second accepted by a gateway's telemetry collector, and the
 * anchoring lag: from a reading's acceptance to its inclusion proof being served.
 *
 * It runs the real gateway (`gateway-api/dist/main.js`) as Public Works on a port of its own,
 * with its own store, the per-principal and per-address request limits off and a 1 MB body
 * limit (the deployed gateways' defaults, 600 requests a minute and 100 kB, would cap one
 * client far below the collector), registers `BENCH_DEVICES` meters through it, signs
 * `BENCH_READINGS` readings up front (signing is the devices' work, not the collector's), and
 * sends them in requests of `BENCH_BATCH`, one lane per `BENCH_CONCURRENCY` (a device's readings
 * always go through one lane, in order). Every fifth request's last reading, and each lane's
 * last, is polled for its proof; then 100 random readings' proofs are checked against the roots
 * on the ledger.
 *
 * Needs the network up (`npm run up`). Run: `npm run bench:telemetry`. Figures go to stdout and
 * `.runtime/bench/telemetry.json`, with the machine's load average before and after.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `BENCH_DEVICES` | 20 | meters registered for the run |
 * | `BENCH_READINGS` | 60000 | signed readings sent |
 * | `BENCH_BATCH` | 500 | readings per request |
 * | `BENCH_CONCURRENCY` | 4 | requests in flight (lanes) |
 * | `BENCH_ANCHOR_MS` | 2000 | the collector's anchor interval |
 * | `BENCH_PORT` | 9543 | where the bench's gateway listens |
 */
import { loadConfig } from '@city-ledger/gateway-api';
import { readingLeafHash, testDevice, verifyMerkleProof, type ReadingProof, type SignedDeviceReading, type TelemetryBatch } from '@city-ledger/domain';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ORG = 'publicworks';
const USER = 'officer1';
const DEVICES = positive('BENCH_DEVICES', 20);
const READINGS = positive('BENCH_READINGS', 60_000);
const BATCH = positive('BENCH_BATCH', 500);
const CONCURRENCY = positive('BENCH_CONCURRENCY', 4);
const ANCHOR_MS = positive('BENCH_ANCHOR_MS', 2000);
const PORT = positive('BENCH_PORT', 9543);
const PROOF_SAMPLES = 100;
const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const round = (n: number) => Math.round(n * 10) / 10;
const quantile = (sorted: readonly number[], q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, CITY_GATEWAY_ORG: ORG });
  const benchDir = path.join(config.layout.root, 'bench');
  mkdirSync(benchDir, { recursive: true });
  const apiKey = readFileSync(path.join(config.layout.gatewayDir(config.org), 'keys', `${USER}.key`), 'utf8').trim();
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY + 4, ca: readFileSync(config.tlsCaFile) });
  const http = (method: string, urlPath: string, body?: unknown) =>
    new Promise<Answer>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        { agent, host: '127.0.0.1', port: PORT, servername: 'localhost', method, path: urlPath, headers: { 'X-Api-Key': apiKey, ...(payload ? { 'Content-Type': 'application/json' } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : undefined });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  // The gateway under test: the real process, with the limits that would cap one client off.
  const log = openSync(path.join(benchDir, 'telemetry-gateway.log'), 'w');
  const gateway = spawn(process.execPath, [path.join(__dirname, '..', '..', 'gateway-api', 'dist', 'main.js')], {
    env: {
      ...process.env,
      CITY_GATEWAY_ORG: ORG,
      CITY_GATEWAY_PORT: String(PORT),
      CITY_GATEWAY_METRICS_PORT: 'off',
      CITY_GATEWAY_RATE_LIMIT: '0',
      CITY_GATEWAY_ADDRESS_RATE_LIMIT: '0',
      CITY_GATEWAY_BODY_LIMIT: '1mb',
      CITY_GATEWAY_LOG_LEVEL: 'warn',
      CITY_GATEWAY_STORE: path.join(benchDir, `telemetry-${run}.db`),
      CITY_GATEWAY_TELEMETRY_INTERVAL_MS: String(ANCHOR_MS),
    },
    stdio: ['ignore', log, log],
  });
  try {
    for (let attempt = 0; ; attempt += 1) {
      const ready = await http('GET', '/readyz').catch(() => undefined);
      if (ready?.status === 200) break;
      if (attempt === 120 || gateway.exitCode !== null) throw new Error(`the bench gateway did not start; see ${path.join(benchDir, 'telemetry-gateway.log')}`);
      await sleep(500);
    }

    const devices = Array.from({ length: DEVICES }, (_, i) => testDevice(`BENCH-${run}-${i}`));
    const registered = await Promise.all(devices.map((d) => http('POST', '/v1/devices', JSON.parse(d.registration()))));
    if (registered.some((r) => r.status !== 201)) throw new Error(`registering the meters failed: ${JSON.stringify(registered.find((r) => r.status !== 201)?.body)}`);

    // Signed up front: device d's readings, a millisecond apart, an hour ago.
    const base = Date.now() - 3_600_000;
    const perDevice = Math.ceil(READINGS / DEVICES);
    const signed: SignedDeviceReading[][] = devices.map((d) => Array.from({ length: perDevice }, (_, i) => d.signed(i + 1, new Date(base + i).toISOString(), { kWh: i % 7 })));
    // Lane l takes devices l, l + CONCURRENCY, ...; its requests interleave them, each device in seq order.
    const lanes = Array.from({ length: CONCURRENCY }, (_, lane) => {
      const mine = signed.filter((_, d) => d % CONCURRENCY === lane);
      const readings: SignedDeviceReading[] = [];
      for (let i = 0; i < perDevice; i += 1) for (const list of mine) if (list[i]) readings.push(list[i] as SignedDeviceReading);
      return readings;
    });

    const load = { before: loadavg().map(round) };
    const lags: Promise<number | undefined>[] = [];
    let accepted = 0;
    let refused = 0;
    const started = process.hrtime.bigint();
    await Promise.all(
      lanes.map(async (readings) => {
        for (let at = 0, n = 0; at < readings.length; at += BATCH, n += 1) {
          const chunk = readings.slice(at, at + BATCH);
          const res = await http('POST', '/v1/telemetry/readings', { readings: chunk });
          if (res.status !== 200) throw new Error(`POST /v1/telemetry/readings: HTTP ${res.status} ${JSON.stringify(res.body)}`);
          const body = res.body as { accepted: number; refused: unknown[] };
          accepted += body.accepted;
          refused += body.refused.length;
          if (n % 5 === 0 || at + BATCH >= readings.length) lags.push(proofLag(http, chunk[chunk.length - 1] as SignedDeviceReading));
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const lagSamples = (await Promise.all(lags)).filter((lag): lag is number => lag !== undefined).sort((a, b) => a - b);
    const loadAfter = loadavg().map(round);

    // Every reading is provable once the last ones are: a random sample's proofs against the roots on the ledger.
    await Promise.all(signed.map((list) => proofLag(http, list[list.length - 1] as SignedDeviceReading)));
    const roots = new Map<string, string>();
    let provable = 0;
    for (let i = 0; i < PROOF_SAMPLES; i += 1) {
      const list = signed[Math.floor(Math.random() * signed.length)] as SignedDeviceReading[];
      const reading = list[Math.floor(Math.random() * list.length)] as SignedDeviceReading;
      const proof = (await http('GET', `/v1/telemetry/readings/${reading.reading.deviceId}/${reading.reading.seq}/proof`)).body as Partial<ReadingProof>;
      if (proof.batchId === undefined || proof.path === undefined) continue;
      if (!roots.has(proof.batchId)) roots.set(proof.batchId, ((await http('GET', `/v1/telemetry/batches/${proof.batchId}`)).body as TelemetryBatch).root);
      if (verifyMerkleProof(readingLeafHash(reading), proof.path, roots.get(proof.batchId) as string)) provable += 1;
    }

    const results = {
      machine: { cores: cpus().length, node: process.version, loadAverage: { before: load.before, after: loadAfter } },
      settings: { devices: DEVICES, readings: perDevice * DEVICES, readingsPerRequest: BATCH, concurrency: CONCURRENCY, anchorIntervalMs: ANCHOR_MS },
      accepted,
      refused,
      seconds: round(seconds),
      acceptedPerSecond: Math.round(accepted / seconds),
      anchoringLagMs: { samples: lagSamples.length, p50: quantile(lagSamples, 0.5), p95: quantile(lagSamples, 0.95), max: quantile(lagSamples, 1) },
      batches: roots.size,
      provable: `${provable}/${PROOF_SAMPLES} sampled readings proved against the anchored roots`,
    };
    const out = path.join(benchDir, 'telemetry.json');
    writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`accepted ${results.accepted} signed readings in ${results.seconds} s: ${results.acceptedPerSecond} readings/s (${refused} refused; ${DEVICES} devices, ${BATCH} per request, ${CONCURRENCY} in flight)`);
    console.log(`anchoring lag (acceptance to proof), anchor every ${ANCHOR_MS} ms: p50 ${results.anchoringLagMs.p50} ms, p95 ${results.anchoringLagMs.p95} ms, max ${results.anchoringLagMs.max} ms (${lagSamples.length} samples)`);
    console.log(`${results.provable}; load average ${load.before.join(' ')} before, ${loadAfter.join(' ')} after (${results.machine.cores} cores)`);
    console.log(`written to ${out}`);
    if (refused > 0 || provable < PROOF_SAMPLES) process.exitCode = 1;
  } finally {
    gateway.kill('SIGTERM');
    agent.destroy();
  }
}

/** Polls a reading's proof until it is served; the time from now to then (undefined after 2 minutes). */
async function proofLag(http: (method: string, urlPath: string) => Promise<Answer>, reading: SignedDeviceReading): Promise<number | undefined> {
  const accepted = Date.now();
  for (let attempt = 0; attempt < 1200; attempt += 1) {
    const res = await http('GET', `/v1/telemetry/readings/${reading.reading.deviceId}/${reading.reading.seq}/proof`);
    if (res.status === 200) return Date.now() - accepted;
    await sleep(100);
  }
  return undefined;
}

main().catch((err: unknown) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
