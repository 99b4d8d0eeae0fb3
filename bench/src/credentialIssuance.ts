/**
 * Concurrent credential issuance by one issuer: how many of `BENCH_ISSUANCES` residency
 * credentials, submitted at once by Registry's registrar, commit, and why the others fail
 * (Fabric validation codes, e.g. 11 MVCC_READ_CONFLICT). Issuances that share a key (as with
 * the retired status-list counter) conflict within a block; the identity chaincode now draws
 * each credential's status-list index without a shared key, so they should all commit.
 * It also reads every committed credential back and counts distinct `statusListIndex`es.
 *
 * Straight fabric-gateway calls (the gateway's `openGateway`, Registry's first peer), no HTTP
 * gateway in between: what is measured is the chaincode's conflicts, not the HTTP layer.
 * Needs the network up (`npm run up`). Run: `npm run bench:credentials`. Figures go to stdout
 * and `.runtime/bench/credential-issuance.json`.
 *
 * | variable | default | meaning |
 * |---|---|---|
 * | `BENCH_ISSUANCES` | 200 | issuances submitted at once |
 */
import { connectPeers, FileKeystore, loadConfig, openGateway } from '@city-ledger/gateway-api';
import type { Contract } from '@hyperledger/fabric-gateway';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { residencyCredential } from './ledger/workloads';
import { positive, run } from './settings';

const ORG = 'registry';
const USER = 'registrar1';
const ISSUANCES = positive('BENCH_ISSUANCES', 200);
/** Fabric's names for the validation codes an issuance may end with. */
const VALIDATION_CODES: Readonly<Record<number, string>> = { 0: 'VALID', 10: 'ENDORSEMENT_POLICY_FAILURE', 11: 'MVCC_READ_CONFLICT', 12: 'PHANTOM_READ_CONFLICT' };

const encoder = new TextEncoder();
const bytes = (value: unknown) => encoder.encode(JSON.stringify(value));

/** What happened to one issuance: committed, failed validation with a code, or failed before ordering. */
type Outcome = { credentialId: string; committed: true } | { credentialId: string; committed: false; reason: string };

async function issue(contract: Contract, credentialId: string, subject: string, issuer: string): Promise<Outcome> {
  const credential = residencyCredential(credentialId, subject, issuer);
  try {
    const submitted = await contract.submitAsync('issueCredential', { arguments: [credentialId], transientData: { credential: bytes(credential) } });
    const status = await submitted.getStatus();
    return status.successful ? { credentialId, committed: true } : { credentialId, committed: false, reason: VALIDATION_CODES[status.code] ?? `code ${status.code}` };
  } catch (err) {
    return { credentialId, committed: false, reason: `not ordered: ${(err as Error).message.split('\n')[0] ?? ''}` };
  }
}

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, CITY_GATEWAY_ORG: ORG });
  const [peer] = connectPeers(config.peers.slice(0, 1), readFileSync(config.tlsCaFile));
  if (!peer) throw new Error('the org has no peer');
  const identity = await new FileKeystore({ mspId: config.org.mspId, clientDir: (user) => config.layout.clientDir(config.org, user) }).get(USER);
  const gateway = openGateway(peer.client, identity, config.deadlines);
  try {
    const network = gateway.getNetwork(config.channel);
    const credentials = network.getContract('identity', 'credentials');
    const subject = `CIT-BENCH-${run}`;
    const citizen = { salt: Buffer.from(subject.padEnd(32, '.').slice(0, 32)).toString('hex'), givenName: 'Ada', familyName: 'Byron', dateOfBirth: '1990-12-10', address: '1 Main St' };
    await network.getContract('identity', 'citizens').submit('registerCitizen', { arguments: [subject], transientData: { citizen: bytes(citizen) } });

    const started = Date.now();
    const outcomes = await Promise.all(Array.from({ length: ISSUANCES }, (_, i) => issue(credentials, `CRED-BENCH-${run}-${i}`, subject, config.org.mspId)));
    const seconds = (Date.now() - started) / 1000;
    const committed = outcomes.filter((o) => o.committed);
    const failures: Record<string, number> = {};
    for (const o of outcomes) {
      if (!o.committed) failures[o.reason] = (failures[o.reason] ?? 0) + 1;
    }
    const indexes = new Set<number>();
    for (const { credentialId } of committed) {
      const record = JSON.parse(new TextDecoder().decode(await credentials.evaluateTransaction('getCredential', credentialId))) as { statusListIndex: number };
      indexes.add(record.statusListIndex);
    }
    const figures = {
      at: new Date().toISOString(),
      attempted: ISSUANCES,
      committed: committed.length,
      failures,
      distinctIndexes: indexes.size,
      seconds: Math.round(seconds * 10) / 10,
      committedPerSecond: Math.round((committed.length / seconds) * 10) / 10,
    };
    const benchDir = path.join(config.layout.root, 'bench');
    mkdirSync(benchDir, { recursive: true });
    writeFileSync(path.join(benchDir, 'credential-issuance.json'), `${JSON.stringify(figures, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    gateway.close();
    peer.client.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exitCode = 1;
});
