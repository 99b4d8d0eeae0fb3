/**
 * Requests per second of one read and one write, through the Registry's HTTPS gateway and
 * straight through `@hyperledger/fabric-gateway`, as the same Fabric identity (clerk1) against
 * the same peers. The difference is what the HTTP layer costs.
 *
 * Needs the network and gateways up (`npm run up`). Run: `npm run bench:gateway`.
 * Figures go to stdout and `.runtime/bench/gateway-throughput.json`.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `BENCH_READS` | 400 | read requests per path |
 * | `BENCH_WRITES` | 60 | write requests per path |
 * | `BENCH_CONCURRENCY` | 8 | requests in flight at once |
 */
import { connect, signers, type Contract } from '@hyperledger/fabric-gateway';
import { connectPeers, FileKeystore, loadConfig } from '@city-ledger/gateway-api';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import path from 'node:path';
import { positive, run } from './settings';

const ORG = 'registry';
const USER = 'clerk1';
const READS = positive('BENCH_READS', 400);
const WRITES = positive('BENCH_WRITES', 60);
const CONCURRENCY = positive('BENCH_CONCURRENCY', 8);

interface Figures {
  readonly requests: number;
  readonly failures: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

/** Runs `count` calls of `call(i)`, `CONCURRENCY` at a time; bounded in count, so it always ends. */
async function measure(count: number, call: (i: number) => Promise<void>): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      try {
        await call(i);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      } catch (err) {
        failures++;
        if (failures <= 3) console.error(`call ${i} failed: ${(err as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { requests: count, failures, seconds: round(seconds), requestsPerSecond: round(latencies.length / seconds), p50Ms: at(0.5), p95Ms: at(0.95) };
}

const round = (n: number) => Math.round(n * 10) / 10;

const parcel = (id: string) => ({ id, ownerId: `CIT-${run}`, location: 'Bench Lot', areaM2: 100, landUse: 'RESIDENTIAL' });
const owner = { name: 'Bench Owner', address: '1 Bench Way' };

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, CITY_GATEWAY_ORG: ORG });
  const apiKey = readFileSync(path.join(config.layout.gatewayDir(config.org), 'keys', `${USER}.key`), 'utf8').trim();
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: readFileSync(config.tlsCaFile) });

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
          headers: { 'X-Api-Key': apiKey, ...(payload ? { 'Content-Type': 'application/json' } : {}) },
        },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === expected ? resolve() : reject(new Error(`${method} ${urlPath}: HTTP ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });

  // Direct: the same identity and peer, one long-lived fabric-gateway connection.
  const [peer] = connectPeers(config.peers.slice(0, 1), readFileSync(config.tlsCaFile));
  if (!peer) throw new Error('the org has no peer');
  const identity = await new FileKeystore({ mspId: config.org.mspId, clientDir: (user) => config.layout.clientDir(config.org, user) }).get(USER);
  const gateway = connect({
    client: peer.client,
    identity: { mspId: identity.mspId, credentials: identity.credentials },
    signer: signers.newPrivateKeySigner(identity.privateKey),
  });
  const contract: Contract = gateway.getNetwork(config.channel).getContract('records', 'property');
  const encoder = new TextEncoder();

  // One parcel to read, written through the gateway.
  const readId = `BENCH-${run}-R`;
  await http('POST', '/v1/parcels', { ...parcel(readId), owner }, 201);

  const results = {
    machine: { cores: (await import('node:os')).cpus().length, node: process.version },
    settings: { reads: READS, writes: WRITES, concurrency: CONCURRENCY },
    read: {
      gateway: await measure(READS, () => http('GET', `/v1/parcels/${readId}`)),
      direct: await measure(READS, async () => void (await contract.evaluateTransaction('getParcel', readId))),
    },
    write: {
      gateway: await measure(WRITES, (i) => http('POST', '/v1/parcels', { ...parcel(`BENCH-${run}-G${i}`), owner }, 201)),
      direct: await measure(WRITES, async (i) => {
        await contract.submit('registerParcel', {
          arguments: [JSON.stringify(parcel(`BENCH-${run}-D${i}`))],
          transientData: { owner: encoder.encode(JSON.stringify(owner)) },
          endorsingOrganizations: [config.org.mspId],
        });
      }),
    },
  };
  gateway.close();
  peer.client.close();
  agent.destroy();

  const out = path.join(config.layout.root, 'bench', 'gateway-throughput.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  for (const kind of ['read', 'write'] as const) {
    for (const via of ['gateway', 'direct'] as const) {
      const f = results[kind][via];
      console.log(`${kind.padEnd(5)} ${via.padEnd(7)} ${String(f.requestsPerSecond).padStart(7)} req/s  p50 ${f.p50Ms} ms  p95 ${f.p95Ms} ms  (${f.requests} requests, ${f.failures} failed)`);
    }
  }
  console.log(`written to ${out}`);
  if (Object.values(results.read).some((f) => f.failures > 0) || Object.values(results.write).some((f) => f.failures > 0)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(`bench: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
