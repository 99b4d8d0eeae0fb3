import { connectPeers, FileKeystore, openGateway, peerEndpoint, type CallDeadlines } from '@city-ledger/gateway-api';
import type { Contract, Gateway } from '@hyperledger/fabric-gateway';
import { readFileSync } from 'node:fs';
import { layout, networkEnv, org } from './network';

/** A gateway connection as one enrolled client of one org. Close it when done. */
export interface ClientSession {
  readonly gateway: Gateway;
  contract(chaincode: string, contractName?: string): Contract;
  close(): void;
}

/** Longer than the gateway's own: tests run on a busy machine, and some wait for several orgs. */
const DEADLINES: CallDeadlines = { evaluate: 10_000, endorse: 30_000, submit: 10_000, commitStatus: 60_000 };

/**
 * Connects to one of the org's peers as `user` (an org-file user, or `admin`),
 * or to a peer of another org (`peerOrgKey`), with gateway-api's own connection and keystore.
 *
 * @example
 * const clerk = await connectAs('registry', 'clerk1');
 * await clerk.contract('records', 'property').submitTransaction('registerParcel', ...);
 * clerk.close();
 */
export async function connectAs(orgKey: string, user: string, peerName?: string, peerOrgKey = orgKey): Promise<ClientSession> {
  const peerOrg = org(peerOrgKey);
  const peer = peerName ? peerOrg.peers.find((p) => p.name === peerName) : peerOrg.peers[0];
  if (!peer) throw new Error(`no peer ${peerName ?? ''} in ${peerOrgKey}`);
  const userOrg = org(orgKey);
  const identity = await new FileKeystore({ mspId: userOrg.mspId, clientDir: (name) => layout().clientDir(userOrg, name) }).get(user);
  const [connection] = connectPeers([peerEndpoint(peerOrg, peer)], readFileSync(layout().tlsCaFile(peerOrg)));
  if (!connection) throw new Error(`no connection to ${peer.name} of ${peerOrgKey}`);
  const gateway = openGateway(connection.client, identity, DEADLINES);
  const network = gateway.getNetwork(networkEnv().CHANNEL_NAME);
  return {
    gateway,
    contract: (chaincode, contractName) => network.getContract(chaincode, contractName),
    close: () => {
      gateway.close();
      connection.client.close();
    },
  };
}

const utf8 = new TextDecoder();
/** Parses a transaction result as JSON. */
export function json<T = unknown>(bytes: Uint8Array): T {
  return JSON.parse(utf8.decode(bytes)) as T;
}

const utf8Encoder = new TextEncoder();
/** A value as transient data (or a presented document): its JSON bytes. */
export function transient(value: unknown): Uint8Array {
  return utf8Encoder.encode(JSON.stringify(value));
}
