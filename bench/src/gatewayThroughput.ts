/**
 * Requests per second of one read and one write, through the Registry's HTTPS gateway and
 * straight through `@hyperledger/fabric-gateway`, as the same Fabric identity (clerk1) against
 * the same peers, signing the same way (the gateway's `openGateway`). The difference is what
 * the HTTP layer costs. Each concurrency is measured in rounds that alternate gateway and
 * direct, so a change in the machine's load during the run falls on both alike.
 *
 * Needs the network and gateways up (`npm run up`). Run: `npm run bench:gateway` (bench/gateway.sh
 * runs it against a gateway without request budgets). Figures go to stdout and
 * `.runtime/bench/gateway-throughput.json`.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `BENCH_READS` | 800 | read requests per path and concurrency |
 * | `BENCH_WRITES` | 80 | write requests per path and concurrency |
 * | `BENCH_CONCURRENCY` | `8,64` | requests in flight at once; a comma-separated list runs each |
 * | `BENCH_ROUNDS` | 4 | rounds each path's requests are split into, alternating gateway and direct |
 */
import type { Contract } from '@hyperledger/fabric-gateway';
import { connectPeers, FileKeystore, loadConfig, openGateway } from '@city-ledger/gateway-api';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import path from 'node:path';
import { positive, run } from './settings';

const ORG = 'registry';
const USER = 'clerk1';
const READS = positive('BENCH_READS', 800);
const WRITES = positive('BENCH_WRITES', 80);
const ROUNDS = positive('BENCH_ROUNDS', 4);
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '8,64').split(',').map((c, i) => {
  const value = Number(c.trim());
  if (!Number.isInteger(value) || value < 1) throw new Error(`BENCH_CONCURRENCY must list positive integers, got ${JSON.stringify(process.env.BENCH_CONCURRENCY)} (item ${i + 1})`);
  return value;
});

interface Figures {
  readonly requests: number;
  readonly failures: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

/** One call's latency (ms), or undefined when it failed. */
type Sample = number | undefined;

/** Runs calls `from`..`to - 1` of `call(i)`, `concurrency` at a time; bounded in count, so it always ends. */
async function runCalls(from: number, to: number, concurrency: number, call: (i: number) => Promise<void>): Promise<{ samples: Sample[]; seconds: number }> {
  const samples: Sample[] = [];
  let next = from;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < to) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      try {
        await call(i);
        samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      } catch (err) {
        samples.push(undefined);
        if (samples.filter((x) => x === undefined).length <= 3) console.error(`call ${i} failed: ${(err as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { samples, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** The figures of one path from its rounds' samples and time. */
function figures(rounds: readonly { samples: Sample[]; seconds: number }[]): Figures {
  const all = rounds.flatMap((r) => r.samples);
  const latencies = all.filter((x): x is number => x !== undefined).sort((a, b) => a - b);
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { requests: all.length, failures: all.length - latencies.length, seconds: round(seconds), requestsPerSecond: round(latencies.length / seconds), p50Ms: at(0.5), p95Ms: at(0.95) };
}

/**
 * Gateway and direct calls in alternating rounds (gateway first in odd rounds, direct first in
 * even ones). Each gateway round starts on fresh, already open connections (`connectGateway`):
 * connections idle through a direct round pass the gateway's keep-alive timeout, and reusing one
 * the server is closing fails the request.
 */
async function compare(count: number, concurrency: number, connectGateway: () => Promise<void>, viaGateway: (i: number) => Promise<void>, direct: (i: number) => Promise<void>) {
  const gatewayRounds: { samples: Sample[]; seconds: number }[] = [];
  const directRounds: { samples: Sample[]; seconds: number }[] = [];
  const size = Math.ceil(count / ROUNDS);
  for (let r = 0; r < ROUNDS; r++) {
    const from = r * size;
    const to = Math.min(count, from + size);
    if (from >= to) break;
    const order = r % 2 === 0 ? ([viaGateway, direct] as const) : ([direct, viaGateway] as const);
    for (const call of order) {
      if (call === viaGateway) await connectGateway();
      (call === viaGateway ? gatewayRounds : directRounds).push(await runCalls(from, to, concurrency, call));
    }
  }
  const gateway = figures(gatewayRounds);
  const straight = figures(directRounds);
  return { gateway, direct: straight, ratio: Math.round((gateway.requestsPerSecond / straight.requestsPerSecond) * 100) / 100, p50OverheadMs: gateway.p50Ms - straight.p50Ms };
}

const round = (n: number) => Math.round(n * 10) / 10;

const parcel = (id: string) => ({ id, ownerId: `CIT-${run}`, location: 'Bench Lot', areaM2: 100, landUse: 'RESIDENTIAL' });
const owner = { name: 'Bench Owner', address: '1 Bench Way' };

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, CITY_GATEWAY_ORG: ORG });
  const apiKey = readFileSync(path.join(config.layout.gatewayDir(config.org), 'keys', `${USER}.key`), 'utf8').trim();
  const ca = readFileSync(config.tlsCaFile);
  let agent = new Agent({ keepAlive: true, ca });

  const http = (method: string, urlPath: string, body?: unknown, expected = 200) =>
    new Promise<void>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          agent,
          host: '127.0.0.1',
          port: config.listen.port,
          servername: 'localhost',
          method,
          path: urlPath,
          headers: { ...(urlPath === '/healthz' ? {} : { 'X-Api-Key': apiKey }), ...(payload ? { 'Content-Type': 'application/json' } : {}) },
        },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === expected ? resolve() : reject(new Error(`${method} ${urlPath}: HTTP ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  // Direct: the same identity and peer, one long-lived fabric-gateway connection that signs as the gateway's do.
  const [peer] = connectPeers(config.peers.slice(0, 1), readFileSync(config.tlsCaFile));
  if (!peer) throw new Error('the org has no peer');
  const identity = await new FileKeystore({ mspId: config.org.mspId, clientDir: (user) => config.layout.clientDir(config.org, user) }).get(USER);
  const gateway = openGateway(peer.client, identity, config.deadlines);
  const contract: Contract = gateway.getNetwork(config.channel).getContract('records', 'property');
  const encoder = new TextEncoder();

  // One parcel to read, written through the gateway.
  const readId = `BENCH-${run}-R`;
  await http('POST', '/v1/parcels', { ...parcel(readId), owner }, 201);

  const runs = [];
  for (const concurrency of CONCURRENCIES) {
    // `concurrency` connections, opened (TLS handshakes done) before the round's clock starts.
    const connectGateway = async () => {
      agent.destroy();
      agent = new Agent({ keepAlive: true, maxSockets: concurrency, ca });
      await Promise.all(Array.from({ length: concurrency }, () => http('GET', '/healthz')));
    };
    runs.push({
      concurrency,
      read: await compare(READS, concurrency, connectGateway, () => http('GET', `/v1/parcels/${readId}`), async () => void (await contract.evaluateTransaction('getParcel', readId))),
      write: await compare(
        WRITES,
        concurrency,
        connectGateway,
        (i) => http('POST', '/v1/parcels', { ...parcel(`BENCH-${run}-G${concurrency}-${i}`), owner }, 201),
        async (i) => {
          await contract.submit('registerParcel', {
            arguments: [JSON.stringify(parcel(`BENCH-${run}-D${concurrency}-${i}`))],
            transientData: { owner: encoder.encode(JSON.stringify(owner)) },
            endorsingOrganizations: [config.org.mspId],
          });
        },
      ),
    });
  }
  gateway.close();
  peer.client.close();
  agent.destroy();

  const os = await import('node:os');
  const results = {
    machine: { cores: os.cpus().length, node: process.version, loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    settings: { reads: READS, writes: WRITES, rounds: ROUNDS, concurrency: CONCURRENCIES },
    runs,
  };
  const out = path.join(config.layout.root, 'bench', 'gateway-throughput.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  for (const r of runs) {
    for (const kind of ['read', 'write'] as const) {
      for (const via of ['gateway', 'direct'] as const) {
        const f = r[kind][via];
        console.log(`${String(r.concurrency).padStart(3)} clients  ${kind.padEnd(5)} ${via.padEnd(7)} ${String(f.requestsPerSecond).padStart(7)} req/s  p50 ${f.p50Ms} ms  p95 ${f.p95Ms} ms  (${f.requests} requests, ${f.failures} failed)`);
      }
      console.log(`${String(r.concurrency).padStart(3)} clients  ${kind.padEnd(5)} gateway/direct ${r[kind].ratio}x, p50 overhead ${r[kind].p50OverheadMs} ms`);
    }
  }
  console.log(`load average ${results.machine.loadAverage.join(' ')} on ${results.machine.cores} cores; written to ${out}`);
  if (runs.some((r) => [r.read, r.write].some((c) => c.gateway.failures > 0 || c.direct.failures > 0))) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
