/**
 * Names of the energy chaincode's private data collections; chaincode/chaincodes.yaml declares
 * their members by remit (a unit test checks the names match).
 *
 * @example
 * ```ts
 * await putPrivateJson(ctx, EnergyCollection.Positions, key, order);
 * ```
 */
export const EnergyCollection = {
  /** Household orders, allocations, settlements and energy-credit accounts: the `energy-market` departments only. */
  Positions: 'energyMarketPositions',
} as const;
