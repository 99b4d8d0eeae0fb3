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
