/**
 * Observability on the shared network (issue 17, part 5), as an org's own monitoring sees it:
 * its Prometheus scrapes /metrics on a peer and an orderer with the org's monitoring client
 * certificate and finds the ledger height the peer reports; a client without a certificate, or
 * with another org's, reads nothing; /healthz still answers without one; the scrape
 * configuration `npm run prometheus` writes names exactly these endpoints and files; and no
 * orderer warns that another's certificate "expires in less than -2562047h47m16s" (Fabric's
 * SmartBFT streams did, see nodeEnvironments.ts bftClusterLogging; test/bft.test.ts checks the
 * BFT consenters, this the Raft ones). Read-only: it leaves the network as it found it.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { parse } from 'yaml';
import { clientTlsFiles, type OrgDeclaration } from '@city-ledger/network';
import { gatewayOrigin } from './support/http';
import { consortium, layout, logFile, networkScript, org, peerHeight } from './support/network';

/** A client TLS pair, or none. */
interface ClientCert {
  readonly cert: Buffer;
  readonly key: Buffer;
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

const monitoringCert = (o: OrgDeclaration): ClientCert => {
  const files = clientTlsFiles(layout().monitoringDir(o));
  return { cert: readFileSync(files.cert), key: readFileSync(files.key) };
};

/** GET over HTTPS on 127.0.0.1:port, trusting the server's org TLS CA; rejects on a refused handshake. */
function operations(owner: OrgDeclaration, port: number, path: string, client?: ClientCert): Promise<Answer> {
  const ca = readFileSync(layout().tlsCaFile(owner));
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', servername: 'localhost', port, path, ca, ...client, timeout: 5_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`127.0.0.1:${port}${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** The value of a sample `name{…label…}` in Prometheus text, or undefined. */
function sample(text: string, name: string, label: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && l.includes(label));
  return line === undefined ? undefined : Number(line.trim().split(/\s+/).at(-1));
}

const registry = () => org('registry');
const peer0 = () => {
  const p = registry().peers[0];
  if (!p) throw new Error('registry declares a peer');
  return p;
};
const orderer0 = () => {
  const o = registry().orderers.find((n) => n.name === 'orderer0');
  if (!o) throw new Error('registry declares orderer0');
  return o;
};

describe("an org's monitoring reads its nodes' metrics, and nobody else does", () => {
  test("the peer's ledger height in /metrics, read with the monitoring certificate, is the height the peer reports", async () => {
    const channel = 'channel="city"';
    // Heights move only when a block commits: compare within a window where the peer's own report did not move.
    for (let attempt = 0; ; attempt += 1) {
      const before = await peerHeight('registry', peer0().name);
      const answer = await operations(registry(), peer0().operationsPort, '/metrics', monitoringCert(registry()));
      const after = await peerHeight('registry', peer0().name);
      expect(answer.status).toBe(200);
      if (before !== after && attempt < 5) continue;
      expect(sample(answer.body, 'ledger_blockchain_height', channel)).toBe(after);
      break;
    }
  });

  test('the orderer serves its consensus and ledger metrics to the monitoring certificate', async () => {
    const answer = await operations(registry(), orderer0().operationsPort, '/metrics', monitoringCert(registry()));
    expect(answer.status).toBe(200);
    expect(sample(answer.body, 'consensus_etcdraft_committed_block_number', 'channel="city"')).toBeGreaterThanOrEqual(1);
    expect(sample(answer.body, 'ledger_blockchain_height', 'channel="city"')).toBeGreaterThanOrEqual(1);
  });

  test("the gateway's /metrics gives the org's soonest certificate expiry, in seconds", async () => {
    // The port the scrape configuration names for the gateway (its port + 10000), with no client certificate.
    const { body } = await operations(registry(), gatewayOrigin('registry').port + 10_000, '/metrics');
    const seconds = sample(body, 'city_certificate_expiry_seconds', 'org="registry"');
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(366 * 86_400);
  });

  test('without a client certificate /metrics answers 401 on a peer and an orderer, and /healthz answers 200', async () => {
    for (const port of [peer0().operationsPort, orderer0().operationsPort]) {
      expect((await operations(registry(), port, '/metrics')).status).toBe(401);
      expect((await operations(registry(), port, '/healthz')).status).toBe(200);
    }
  });

  test("another org's monitoring certificate is refused at the handshake", async () => {
    const other = consortium().orgs.find((o) => o.key !== 'registry');
    if (!other) throw new Error('the consortium has another org');
    for (const port of [peer0().operationsPort, orderer0().operationsPort]) {
      await expect(operations(registry(), port, '/metrics', monitoringCert(other))).rejects.toThrow(/certificate|alert|socket hang up|ECONNRESET/i);
    }
  });

  test('`npm run prometheus` writes the scrape configuration for these endpoints with the monitoring client files', async () => {
    const out = await networkScript('prometheus', '--org', 'registry');
    const file = layout().prometheusConfigFile(registry());
    expect(out.trim()).toBe(file);
    const config = parse(readFileSync(file, 'utf8')) as { scrape_configs: { job_name: string; static_configs: { targets: string[] }[]; tls_config?: { cert_file: string } }[] };
    const peerJob = config.scrape_configs.find((j) => j.job_name === `registry-${peer0().name}`);
    expect(peerJob?.static_configs[0]?.targets).toEqual([`${peer0().host}:${peer0().operationsPort}`]);
    expect(peerJob?.tls_config?.cert_file).toBe(clientTlsFiles(layout().monitoringDir(registry())).cert);
    await expect(networkScript('prometheus', '--org', 'nope')).rejects.toThrow(/no org "nope"/);
  });
});

test('no orderer warns of a certificate that "expires in less than" a negative time (an expiry it could not read)', async () => {
  const orderers = consortium().orgs.flatMap((o) => o.orderers.filter((n) => n.profiles.includes('raft')).map((n) => `${o.key}-${n.name}`));
  for (const id of orderers) {
    const log = readFileSync(await logFile(id), 'utf8');
    // The orderers talk to each other once the channel runs: the check saw their certificates.
    expect(log).toMatch(/city/);
    expect(log).not.toMatch(/expires in less than -/);
  }
});
