/**
 * Key-level (state-based) endorsement: who must endorse the NEXT change of a public key.
 *
 * The chaincode-level endorsement policies of identity and logistics are "any one department"
 * (see chaincode/chaincodes.yaml), so on their own they let any department's peer endorse a
 * change of any key. A key-level policy narrows that for one key: once a key carries a
 * validation parameter, Fabric validates every later write of that key (its value, a delete,
 * or a new validation parameter) against the key's policy instead of the chaincode's.
 *
 * {@link requireKeyEndorsers} sets the policy "a PEER of EVERY listed org endorses". It uses
 * fabric-shim's `KeyEndorsementPolicy`, which always encodes an N-out-of-N rule (AND) over the
 * orgs added to it, e.g. `AND('RegistryMSP.peer', 'PublicWorksMSP.peer')`.
 *
 * Fabric semantics to keep in mind:
 * - The policy is a write of this transaction: it takes effect when the transaction commits,
 *   so it governs the key's NEXT change. This transaction's own writes of the key are
 *   validated against the policy the key had before (none: the chaincode-level policy).
 * - Changing a key's policy is itself validated against the key's current policy, so a
 *   transaction that moves a key from AND(A, B) to A alone needs both A and B.
 * - Only for public state. Private data keys are governed by their collection's endorsement
 *   policy (collections_config.json).
 * - Deleting a key drops its policy; a key that does not exist after the transaction gets none.
 * - The parameter is written only when it changes (see the function's comment).
 *
 * @example
 * ```ts
 * await writeJson(ctx, key, shipment);
 * await requireKeyEndorsers(ctx, key, [shipment.custodian]);                 // custodian only
 * await requireKeyEndorsers(ctx, key, [shipment.custodian, offer.to]);       // both departments
 * ```
 */
import type { Context } from 'fabric-contract-api';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { activeConsortium } from './activeConsortium';
import { departmentMsps, regulatorMsps } from '@city-ledger/domain';

/**
 * The role `KeyEndorsementPolicy.addOrgs` takes for "a peer of the org". fabric-shim's types
 * declare an `ENDORSER_ROLES` enum, but the module does not export it at runtime (it would be
 * `undefined`), so the string is spelled out here.
 */
export const KEY_ENDORSER_ROLE = 'PEER';

/**
 * Sets `key`'s validation parameter so that its next change needs a PEER endorsement of every
 * org in `msps` (AND; order does not matter and duplicates count once: the same set of orgs
 * always encodes to the same bytes). Throws a plain Error (a programming error, not a
 * client error) for an empty list, which would encode "0 out of 0" and so let anyone change
 * the key, for a regulator (regulators never endorse writes), and for an MSP that is not a
 * department, which would make the key unchangeable for good.
 */
export async function requireKeyEndorsers(ctx: Context, key: string, msps: readonly string[]): Promise<void> {
  if (msps.length === 0) {
    throw new Error(`requireKeyEndorsers: key ${JSON.stringify(key)} needs at least one endorsing org`);
  }
  const consortium = activeConsortium();
  for (const msp of msps) {
    if (regulatorMsps(consortium).includes(msp)) {
      throw new Error(`requireKeyEndorsers: ${msp} is a regulator and never endorses writes`);
    }
    if (!departmentMsps(consortium).includes(msp)) {
      throw new Error(`requireKeyEndorsers: ${JSON.stringify(msp)} is not a department MSP`);
    }
  }
  const policy = new KeyEndorsementPolicy();
  // Sorted and de-duplicated: the same set of orgs always gives the same bytes (write set).
  policy.addOrgs(KEY_ENDORSER_ROLE, ...[...new Set(msps)].sort());
  const wanted = policy.getPolicy();
  // Written only when it changes. A metadata write makes every other transaction in the same
  // block that writes this key fail its endorsement policy (Fabric validates it against the
  // new parameter), where an ordinary conflict would be an MVCC_READ_CONFLICT, retried cleanly.
  const current = await ctx.stub.getStateValidationParameter(key);
  if (current !== undefined && current !== null && Buffer.from(current).equals(Buffer.from(wanted))) return;
  await ctx.stub.setStateValidationParameter(key, wanted);
}
