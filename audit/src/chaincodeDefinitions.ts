/**
 * Chaincode definitions as the ledger records them: each valid `_lifecycle`
 * `CommitChaincodeDefinition` transaction carries the definition (version, sequence,
 * endorsement policy, collections), and each `ApproveChaincodeDefinitionForMyOrg` names the org
 * that approved a sequence. Read from the blocks rather than queried from `_lifecycle`, whose
 * queries need the channel's Writers policy, which a regulator does not satisfy.
 *
 * @example
 * ```ts
 * const history = new DefinitionHistory();
 * for (const block of blocks) history.add(invocationsOf(block));
 * history.definitions(); // [{ name: 'records', sequence: 1, approvals: { RegistryMSP: true, … } }, …]
 * ```
 */
import { peer } from '@hyperledger/fabric-protos';
import type { Invocation } from './transactionDetail';

const { lifecycle } = peer;

export interface ChaincodeDefinition {
  readonly name: string;
  readonly version: string;
  readonly sequence: number;
  /** A channel policy reference (`/Channel/Application/Endorsement`) or `signature policy`. */
  readonly endorsementPolicy: string;
  readonly collections: readonly { readonly name: string; readonly requiredPeerCount: number; readonly memberOnlyRead: boolean }[];
  /** Orgs whose approval of this sequence is on the ledger. */
  readonly approvals: Readonly<Record<string, boolean>>;
  /** The block that committed the definition. */
  readonly committedIn: number;
}

function policyOf(parameter: Uint8Array): string {
  return peer.ApplicationPolicy.deserializeBinary(parameter).getChannelConfigPolicyReference() || 'signature policy';
}

export class DefinitionHistory {
  private readonly committed = new Map<string, Omit<ChaincodeDefinition, 'approvals'>>();
  /** `name@sequence` → orgs that approved it. */
  private readonly approvals = new Map<string, Set<string>>();

  /** Reads one block's valid `_lifecycle` transactions. */
  add(invocations: readonly Invocation[]): void {
    for (const { tx, args } of invocations) {
      if (tx.chaincode !== '_lifecycle' || tx.validationCode !== 'VALID' || !args[0]) continue;
      if (tx.function === 'ApproveChaincodeDefinitionForMyOrg') {
        const approved = lifecycle.ApproveChaincodeDefinitionForMyOrgArgs.deserializeBinary(args[0]);
        const key = `${approved.getName()}@${approved.getSequence()}`;
        this.approvals.set(key, (this.approvals.get(key) ?? new Set()).add(tx.creator.mspId));
      } else if (tx.function === 'CommitChaincodeDefinition') {
        const d = lifecycle.CommitChaincodeDefinitionArgs.deserializeBinary(args[0]);
        const collections = (d.getCollections()?.getConfigList() ?? []).flatMap((config) => {
          const c = config.getStaticCollectionConfig();
          return c ? [{ name: c.getName(), requiredPeerCount: c.getRequiredPeerCount(), memberOnlyRead: c.getMemberOnlyRead() }] : [];
        });
        this.committed.set(d.getName(), {
          name: d.getName(),
          version: d.getVersion(),
          sequence: d.getSequence(),
          endorsementPolicy: policyOf(d.getValidationParameter_asU8()),
          collections,
          committedIn: tx.block,
        });
      }
    }
  }

  /** The definition in force for each chaincode, by name, with the approvals of its sequence. */
  definitions(): ChaincodeDefinition[] {
    return [...this.committed.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((d) => ({ ...d, approvals: Object.fromEntries([...(this.approvals.get(`${d.name}@${d.sequence}`) ?? [])].sort().map((org) => [org, true])) }));
  }
}
