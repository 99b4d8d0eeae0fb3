/**
 * bench:ledger's Caliper workspace, generated from the org files into the benchmark runtime:
 * the network configuration (one connection profile per department, the identities the
 * workloads send as) and the benchmark configuration (the rounds, fixed-load, 4 workers).
 * Nothing here is written by hand, so a changed port or a new department is picked up.
 *
 * @example
 * ```ts
 * const files = writeCaliperWorkspace({ consortium, layout, dir, rounds, settings, workloadModule });
 * // caliper launch manager --caliper-networkconfig files.networkConfig --caliper-benchconfig files.benchConfig
 * ```
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { nodeHost, type Consortium, type RuntimeLayout } from '@city-ledger/network';
import type { Round } from './rounds';
import { SENDERS, type Sender } from './workloads';

/** The chaincodes the workloads call (Caliper opens a contract per chaincode). */
const CHAINCODES = ['baseline', 'records', 'identity', 'logistics'];

export interface RoundSettings {
  /** Seconds each round runs. */
  readonly seconds: number;
  /** Transactions kept in flight across the workers (Caliper's fixed-load controller). */
  readonly load: number;
  readonly workers: number;
}

export interface CaliperWorkspace {
  readonly consortium: Consortium;
  readonly layout: RuntimeLayout;
  readonly channel: string;
  /** Where the generated files go. */
  readonly dir: string;
  readonly rounds: readonly Round[];
  readonly settings: RoundSettings;
  /** The compiled workload module (workloadModule.js). */
  readonly workloadModule: string;
  /** What the workload module's round arguments carry to every worker. */
  readonly run: string;
  readonly resultsDir: string;
}

/** Caliper's name of an identity: unique across orgs, so a request needs no MSP ID. */
export const identityName = (sender: Sender) => sender.replace('/', '-');

function org(consortium: Consortium, key: string) {
  const found = consortium.orgs.find((o) => o.key === key);
  if (!found) throw new Error(`bench:ledger sends as ${key}, which no org file declares`);
  return found;
}

/** A common connection profile naming the org's first peer (the one the workers connect to). */
function connectionProfile(consortium: Consortium, layout: RuntimeLayout, key: string) {
  const o = org(consortium, key);
  const peer = o.peers[0];
  if (!peer) throw new Error(`org ${key} has no peer`);
  const host = nodeHost(o, peer.name);
  return {
    name: `city-ledger-${key}`,
    version: '1.0.0',
    client: { organization: o.name },
    organizations: { [o.name]: { mspid: o.mspId, peers: [host] } },
    peers: {
      [host]: {
        url: `grpcs://127.0.0.1:${peer.port}`,
        tlsCACerts: { path: layout.tlsCaFile(o) },
        grpcOptions: { 'ssl-target-name-override': host, hostnameOverride: host },
      },
    },
  };
}

/** Writes the network and benchmark configurations; returns their paths. */
export function writeCaliperWorkspace(w: CaliperWorkspace): { networkConfig: string; benchConfig: string } {
  mkdirSync(w.dir, { recursive: true });
  const orgKeys = [...new Set(SENDERS.map((s) => s.split('/')[0] ?? ''))];
  const organizations = orgKeys.map((key) => {
    const o = org(w.consortium, key);
    const profile = path.join(w.dir, `connection-${key}.json`);
    writeFileSync(profile, `${JSON.stringify(connectionProfile(w.consortium, w.layout, key), null, 2)}\n`);
    return {
      mspid: o.mspId,
      identities: {
        certificates: SENDERS.filter((s) => s.startsWith(`${key}/`)).map((sender) => {
          const msp = path.join(w.layout.clientDir(o, sender.split('/')[1] ?? ''), 'msp');
          return {
            name: identityName(sender),
            clientPrivateKey: { path: path.join(msp, 'keystore', 'key.pem') },
            clientSignedCert: { path: path.join(msp, 'signcerts', 'cert.pem') },
          };
        }),
      },
      connectionProfile: { path: profile, discover: true },
    };
  });
  const network = {
    name: 'city-ledger',
    version: '2.0.0',
    caliper: { blockchain: 'fabric' },
    channels: [{ channelName: w.channel, contracts: CHAINCODES.map((id) => ({ id })) }],
    organizations,
  };
  const bench = {
    test: {
      name: 'city-ledger',
      description: 'bench:ledger: the baseline and each domain, interleaved',
      workers: { number: w.settings.workers },
      rounds: w.rounds.map((round) => ({
        label: round.label,
        txDuration: w.settings.seconds,
        rateControl: { type: 'fixed-load', opts: { transactionLoad: w.settings.load, startingTps: w.settings.load } },
        workload: {
          module: w.workloadModule,
          arguments: {
            run: w.run,
            round: round.label,
            workload: round.workload,
            uses: round.uses ?? '',
            resultsDir: w.resultsDir,
            msps: Object.fromEntries(w.consortium.orgs.map((o) => [o.key, o.mspId])),
          },
        },
      })),
    },
  };
  // JSON is YAML: Caliper parses both files as YAML.
  const networkConfig = path.join(w.dir, 'networkconfig.yaml');
  const benchConfig = path.join(w.dir, 'benchconfig.yaml');
  writeFileSync(networkConfig, `${JSON.stringify(network, null, 2)}\n`);
  writeFileSync(benchConfig, `${JSON.stringify(bench, null, 2)}\n`);
  return { networkConfig, benchConfig };
}
