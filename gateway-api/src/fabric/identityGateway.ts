/**
 * A fabric-gateway connection that signs as one enrolled identity, over one peer's gRPC client,
 * with a deadline per call kind. The ledger client opens one per user and peer; tests and tools
 * open their own the same way.
 *
 * @example
 * ```ts
 * const [peer] = connectPeers(config.peers, readFileSync(config.tlsCaFile));
 * const gateway = openGateway(peer.client, await identities.get('clerk1'), config.deadlines);
 * const contract = gateway.getNetwork(config.channel).getContract('records', 'property');
 * ```
 */
import type { Client } from '@grpc/grpc-js';
import { connect, hash, signers, type Gateway, type Hash, type Signer } from '@hyperledger/fabric-gateway';
import type { KeyObject } from 'node:crypto';
import type { CallDeadlines } from './callDeadlines';
import type { FabricIdentity } from '../identities/identityStore';
import { p256Signer } from './signing';

export function openGateway(client: Client, identity: FabricIdentity, deadlines: CallDeadlines): Gateway {
  return connect({
    client,
    identity: { mspId: identity.mspId, credentials: identity.credentials },
    ...signingFor(identity.privateKey),
    evaluateOptions: () => ({ deadline: Date.now() + deadlines.evaluate }),
    endorseOptions: () => ({ deadline: Date.now() + deadlines.endorse }),
    submitOptions: () => ({ deadline: Date.now() + deadlines.submit }),
    commitStatusOptions: () => ({ deadline: Date.now() + deadlines.commitStatus }),
  });
}

/** fabric-gateway's `signer` and `hash` options for a key: native ECDSA for P-256 (fabric/signing.ts), else its own signer. */
export function signingFor(privateKey: KeyObject): { readonly signer: Signer; readonly hash: Hash } {
  const native = p256Signer(privateKey);
  return native ? { signer: native, hash: hash.none } : { signer: signers.newPrivateKeySigner(privateKey), hash: hash.sha256 };
}
