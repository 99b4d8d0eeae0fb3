/**
 * Roles of the people who call the ledger. Each org's Fabric CA writes the role into the
 * caller's certificate, as the `city.role` attribute; the chaincode decides by it (and by
 * the caller's remit), and the gateway issues and checks the same names.
 *
 * @example
 * ```ts
 * if (role !== Role.Registrar) throw forbidden('only a registrar may transfer a parcel');
 * const attrs = [{ name: ROLE_ATTRIBUTE, value: Role.Clerk, ecert: true }];
 * ```
 */

/** Values of the `city.role` certificate attribute issued by each org's Fabric CA. */
export const Role = {
  Clerk: 'clerk',
  Registrar: 'registrar',
  Inspector: 'inspector',
  Officer: 'officer',
  Auditor: 'auditor',
  Admin: 'admin',
} as const;

/** One of the known roles. */
export type RoleName = (typeof Role)[keyof typeof Role];

/** The certificate attribute that carries the caller's role. */
export const ROLE_ATTRIBUTE = 'city.role';
