/** MSP IDs of the default consortium (see organizations/). */
export const Msp = {
  Registry: 'RegistryMSP',
  Health: 'HealthMSP',
  PublicWorks: 'PublicWorksMSP',
  Auditor: 'AuditorMSP',
} as const;

/** One of the known MSP IDs. */
export type MspId = (typeof Msp)[keyof typeof Msp];

/** Regulator orgs: they read and audit, and never write. */
export const REGULATOR_MSPS: readonly string[] = [Msp.Auditor];

/** Department orgs: the only orgs that may write. */
export const DEPARTMENT_MSPS: readonly string[] = [Msp.Registry, Msp.Health, Msp.PublicWorks];

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
