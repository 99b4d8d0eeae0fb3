/**
 * A channel configuration as the regulator reads it: the application and orderer orgs (with
 * their CA certificates' expiry), the consensus type and consenters, the batch settings and
 * every policy. Read from the config block in force, which is what the peers enforce.
 *
 * @example
 * ```ts
 * const config = channelConfigOf(configBlock);
 * config.applicationOrgs; // [{ mspId: 'RegistryMSP', caExpiry: ['2036-…'] }, …]
 * config.batch;           // { timeout: '2s', maxMessageCount: 10, … }
 * ```
 */
import { common, orderer } from '@hyperledger/fabric-protos';
import type { LedgerBlock } from './block';
import { channelGroupOf, ordererConfigOf, orgOf } from './ordererConfig';

export interface ConfigOrg {
  readonly mspId: string;
  /** Each root and intermediate CA certificate's subject and expiry (RFC 3339). */
  readonly certificates: readonly { readonly subject: string; readonly notAfter: string }[];
}

export interface ConfigPolicy {
  /** `/Channel/Application/Writers`, `/Channel/Application/RegistryMSP/Admins`, … */
  readonly path: string;
  /** `ImplicitMeta` with its rule (`ANY Readers`), or `Signature`. */
  readonly type: string;
  readonly rule: string;
}

export interface ChannelConfig {
  readonly block: number;
  readonly applicationOrgs: readonly ConfigOrg[];
  readonly ordererOrgs: readonly ConfigOrg[];
  readonly consensusType: string;
  readonly consenters: readonly string[];
  readonly batch: { readonly timeout: string; readonly maxMessageCount: number; readonly absoluteMaxBytes: number; readonly preferredMaxBytes: number };
  readonly policies: readonly ConfigPolicy[];
}

function configOrgs(group: common.ConfigGroup | undefined): ConfigOrg[] {
  const orgs: ConfigOrg[] = [];
  for (const [, orgGroup] of group?.getGroupsMap().entries() ?? []) {
    const org = orgOf(orgGroup);
    if (!org) continue;
    const certificates = [...org.rootCerts, ...org.intermediateCerts].map((cert) => ({ subject: cert.subject.replace(/\n/g, ', '), notAfter: new Date(cert.validTo).toISOString() }));
    orgs.push({ mspId: org.mspId, certificates });
  }
  return orgs.sort((a, b) => a.mspId.localeCompare(b.mspId));
}

function policiesOf(group: common.ConfigGroup, path: string, into: ConfigPolicy[]): void {
  for (const [name, value] of group.getPoliciesMap().entries()) {
    const policy = value.getPolicy();
    if (policy?.getType() === common.Policy.PolicyType.IMPLICIT_META) {
      const meta = common.ImplicitMetaPolicy.deserializeBinary(policy.getValue_asU8());
      const rule = Object.entries(common.ImplicitMetaPolicy.Rule).find(([, code]) => code === meta.getRule())?.[0] ?? String(meta.getRule());
      into.push({ path: `${path}/${name}`, type: 'ImplicitMeta', rule: `${rule} ${meta.getSubPolicy()}` });
    } else {
      into.push({ path: `${path}/${name}`, type: policy?.getType() === common.Policy.PolicyType.SIGNATURE ? 'Signature' : `type ${policy?.getType() ?? '?'}`, rule: '' });
    }
  }
  for (const [name, child] of group.getGroupsMap().entries()) policiesOf(child, `${path}/${name}`, into);
}

/** The configuration a config block carries; throws for any other block. */
export function channelConfigOf(block: LedgerBlock): ChannelConfig {
  const ordering = ordererConfigOf(block);
  const root = channelGroupOf(block);
  if (!ordering) throw new Error(`block ${block.header.number} is not a config block`);
  if (!root) throw new Error(`block ${block.header.number} has no channel group`);
  const ordererGroup = root.getGroupsMap().get('Orderer');
  const value = (name: string) => ordererGroup?.getValuesMap().get(name)?.getValue_asU8() ?? new Uint8Array();
  const size = orderer.BatchSize.deserializeBinary(value('BatchSize'));
  const policies: ConfigPolicy[] = [];
  policiesOf(root, '/Channel', policies);
  return {
    block: block.header.number,
    applicationOrgs: configOrgs(root.getGroupsMap().get('Application')),
    ordererOrgs: configOrgs(ordererGroup),
    consensusType: ordering.type,
    consenters: ordering.consenters.map((c) => c.endpoint),
    batch: {
      timeout: orderer.BatchTimeout.deserializeBinary(value('BatchTimeout')).getTimeout(),
      maxMessageCount: size.getMaxMessageCount(),
      absoluteMaxBytes: size.getAbsoluteMaxBytes(),
      preferredMaxBytes: size.getPreferredMaxBytes(),
    },
    policies,
  };
}
