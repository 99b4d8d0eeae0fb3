import * as grpc from '@grpc/grpc-js';
import { connect, Contract, Gateway, hash, Identity, Signer, signers } from '@hyperledger/fabric-gateway';
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { layout, networkEnv, org } from './network';

/** A gateway connection as one enrolled client of one org. Close it when done. */
export interface ClientSession {
  readonly gateway: Gateway;
  contract(chaincode: string, contractName?: string): Contract;
  close(): void;
}

function identityOf(orgKey: string, user: string): { identity: Identity; signer: Signer } {
  const o = org(orgKey);
  const msp = path.join(layout().clientDir(o, user), 'msp');
  const credentials = readFileSync(path.join(msp, 'signcerts', 'cert.pem'));
  const privateKey = createPrivateKey(readFileSync(path.join(msp, 'keystore', 'key.pem')));
  return { identity: { mspId: o.mspId, credentials }, signer: signers.newPrivateKeySigner(privateKey) };
}

/**
 * Connects to one of the org's peers as `user` (an org-file user, or `admin`),
 * or to a peer of another org (`peerOrgKey`).
 *
 * @example
 * const clerk = connectAs('registry', 'clerk1');
 * await clerk.contract('records', 'property').submitTransaction('registerParcel', ...);
 * clerk.close();
 */
export function connectAs(orgKey: string, user: string, peerName?: string, peerOrgKey = orgKey): ClientSession {
  const o = org(peerOrgKey);
  const peer = peerName ? o.peers.find((p) => p.name === peerName) : o.peers[0];
  if (!peer) throw new Error(`no peer ${peerName ?? ''} in ${peerOrgKey}`);
  const tlsRoot = readFileSync(layout().tlsCaFile(o));
  const client = new grpc.Client(`127.0.0.1:${peer.port}`, grpc.credentials.createSsl(tlsRoot), {
    'grpc.ssl_target_name_override': `${peer.name}.${o.domain}`,
  });
  const gateway = connect({
    client,
    ...identityOf(orgKey, user),
    hash: hash.sha256,
    evaluateOptions: () => ({ deadline: Date.now() + 10_000 }),
    endorseOptions: () => ({ deadline: Date.now() + 30_000 }),
    submitOptions: () => ({ deadline: Date.now() + 10_000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
  });
  const network = gateway.getNetwork(networkEnv().CHANNEL_NAME);
  return {
    gateway,
    contract: (chaincode, contractName) => network.getContract(chaincode, contractName),
    close: () => {
      gateway.close();
      client.close();
    },
  };
}

const utf8 = new TextDecoder();
/** Parses a transaction result as JSON. */
export function json<T = unknown>(bytes: Uint8Array): T {
  return JSON.parse(utf8.decode(bytes)) as T;
}
