/**
 * Who may call what in the governance chaincode. One place, so the README, the guards and the
 * tests agree.
 *
 * - Budgeting rounds, appropriations, contracts and payments: `clerk`s and `registrar`s of the
 *   departments holding the `budget` remit (Registry, the city clerk).
 * - Council decisions: `clerk`s and `registrar`s of the departments holding `council`.
 * - Admitting voters and casting ballots: the department that issued the voter's credential
 *   (it alone holds the key its gateway derives nullifiers with), `clerk`, `registrar` or
 *   `officer`.
 * - Reads: any channel member, the Auditor included. The Auditor never writes.
 *
 * @example
 * ```ts
 * const who = requireGrant(ctx, BUDGET_GRANTS);
 * ```
 */
import { activeConsortium, Remit, remitHolders, Role, type Grants, type RemitName } from '@city-ledger/chaincode-common';

/** Rounds, appropriations, contracts and payments. */
export const BUDGET_GRANTS: Grants = { [Remit.Budget]: [Role.Clerk, Role.Registrar] };
/** Council decision records. */
export const COUNCIL_GRANTS: Grants = { [Remit.Council]: [Role.Clerk, Role.Registrar] };
/** Roles of the issuing department that admit voters and cast their ballots. */
export const VOTING_ROLES: readonly string[] = [Role.Clerk, Role.Registrar, Role.Officer];

/** The department names (org files' `name`) budgets and projects may name. */
export function departmentNames(): string[] {
  return activeConsortium()
    .orgs.filter((o) => o.role === 'department')
    .map((o) => o.name);
}

/** MSP IDs of the departments holding a remit of `grants`: the key-level endorsers of what they write. */
export function remitHoldersOf(grants: Grants): string[] {
  return remitHolders(Object.keys(grants) as RemitName[]);
}
