/**
 * Test fixtures of the governance chaincode: a ledger whose fake `identity` chaincode knows
 * credentials and whose fake `logistics` knows deliveries, and a round's inputs.
 *
 * @example
 * ```ts
 * const ledger = governanceLedger({ credentials: [credential('CRED-1', 'CIT-1')] });
 * await ledger.invoke(budgeting, 'openRound', clerk, [roundJson()]);
 * ```
 */
import { FakeLedger, Msp } from '@city-ledger/chaincode-common/testing';
import { sha256Hex, type Credential, type RoundInput } from '@city-ledger/domain';

/** A credential record as identity's getCredential answers it. */
export function credential(id: string, subject: string, overrides: Partial<Credential> = {}): Credential {
  return {
    id,
    type: 'residency',
    hash: sha256Hex(id),
    schema: { id: 'https://schemas.city-ledger.example/credentials/residency', version: '1.0' },
    subject,
    validFrom: '2024-01-01T00:00:00Z',
    validUntil: '2030-01-01T00:00:00Z',
    issuer: { msp: Msp.Registry, id: 'x509::/CN=registrar1' },
    status: 'ACTIVE',
    statusListIndex: 0,
    issuedAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** A nullifier for `name` (any 64 hex characters will do on the chaincode side). */
export const nullifierOf = (name: string) => sha256Hex(`nullifier:${name}`);
/** A receipt hash for `name`. */
export const receiptOf = (name: string) => sha256Hex(`receipt:${name}`);

/** The fake ledger's clock starts here; rounds open at it and close an hour later. */
export const START = '2025-01-01T00:00:00.000Z';
export const CLOSES = '2025-01-01T01:00:00Z';

export function roundInput(overrides: Partial<RoundInput> = {}): RoundInput {
  return {
    id: 'PB-1',
    title: 'Neighbourhood budget 2025',
    budget: 100_000,
    projects: [
      { id: 'PARK', title: 'Pocket park', cost: 60_000, department: 'PublicWorks' },
      { id: 'BIKE', title: 'Bike lanes', cost: 50_000, department: 'PublicWorks' },
      { id: 'LIB', title: 'Library hours', cost: 30_000, department: 'Registry' },
    ],
    opensAt: '2025-01-01T00:00:00Z',
    closesAt: CLOSES,
    eligibility: { credentialType: 'residency' },
    ...overrides,
  };
}

export interface GovernanceLedger {
  ledger: FakeLedger;
  /** Every call the fake identity and logistics chaincodes answered. */
  calls: string[][];
}

/** A ledger with fake `identity` (credentials by ID) and `logistics` (delivery IDs). */
export function governanceLedger(options: { credentials?: Credential[]; deliveries?: string[] } = {}): GovernanceLedger {
  const ledger = new FakeLedger({ start: START });
  const calls: string[][] = [];
  const credentials = new Map((options.credentials ?? []).map((c) => [c.id, c]));
  ledger.registerChaincode('identity', (args) => {
    calls.push(args);
    const found = args[0] === 'credentials:getCredential' ? credentials.get(args[1] as string) : undefined;
    if (found === undefined) throw new Error(`NOT_FOUND: credential ${args[1]} does not exist`);
    return found;
  });
  ledger.registerChaincode('logistics', (args) => {
    calls.push(args);
    if (args[0] !== 'materials:getDelivery' || !(options.deliveries ?? []).includes(args[1] as string)) throw new Error(`NOT_FOUND: delivery ${args[1]} does not exist`);
    return { id: args[1], permitId: 'PRM-1' };
  });
  return { ledger, calls };
}
