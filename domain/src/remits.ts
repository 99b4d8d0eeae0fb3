/**
 * The remit vocabulary: what a department is responsible for. Org files declare remits
 * (organizations/*.yaml `remits:`), the network validates them against this list, and the
 * chaincode grants functions and collections by remit, never by MSP ID.
 *
 * @example
 * ```ts
 * requireGrant(ctx, { [Remit.Permits]: [Role.Registrar] });   // any department holding `permits`
 * ```
 */

/** Every remit a department may hold. */
export const Remit = {
  /** Parcels, titles and encumbrances; property owners' personal data. */
  Property: 'property',
  /** Births, marriages and deaths; residency credentials. */
  VitalRecords: 'vital-records',
  /** Permit applications, review, decision and closure. */
  Permits: 'permits',
  /** Death registration by physicians, causes of death; health credentials. */
  HealthRecords: 'health-records',
  /** Public works: permit applications and site inspections; contractor licences. */
  Works: 'works',
  /** Building-material deliveries and supplier terms. */
  Procurement: 'procurement',
  /** Waste-collection manifests. */
  Logistics: 'logistics',
  /** Participatory budgeting rounds, appropriations, contracts and payments. */
  Budget: 'budget',
  /** Council decision records. */
  Council: 'council',
  /** Meters, loggers and sensors: registering devices and their keys, anchoring telemetry. */
  Devices: 'devices',
  /** The grid operator: runs the neighbourhood energy market, sets its penalty price, sees household positions. */
  EnergyMarket: 'energy-market',
  /** Verifies emission reductions and issues carbon credits against them. */
  Environment: 'environment',
} as const;

/** One remit. */
export type RemitName = (typeof Remit)[keyof typeof Remit];

/** The vocabulary, in a stable order. */
export const REMITS: readonly RemitName[] = Object.values(Remit);

/** True when `value` is a remit of the vocabulary. */
export function isRemit(value: unknown): value is RemitName {
  return typeof value === 'string' && (REMITS as readonly string[]).includes(value);
}
