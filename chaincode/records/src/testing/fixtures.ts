// Test fixtures shared by the records unit tests (not compiled into dist: see tsconfig.json).
// The FakeLedger import comes first so that fabric-contract-api logging is quiet.
import { FakeLedger, FOUNDING_CONSORTIUM } from '@city-ledger/chaincode-common/testing';

// The callers the records tests act as, under the names they use.
export {
  auditor,
  healthOfficer,
  publicWorksInspector as inspector,
  publicWorksOfficer as pwOfficer,
  registryClerk as clerk,
  registryRegistrar as registrar,
} from '@city-ledger/chaincode-common/testing';

/** A ledger (clock 2025-01-01T00:00:00Z, +1 s per transaction) that enforces the records collections. */
export function newLedger(): FakeLedger {
  const ledger = new FakeLedger();
  for (const [name, spec] of Object.entries(FOUNDING_CONSORTIUM.collections)) {
    ledger.defineCollection(name, { members: spec.members });
  }
  return ledger;
}

/**
 * Runs `call` and asserts it fails with `code`, changes no state and emits no event.
 *
 * @example
 * await expectRejected(ledger, () => ledger.invoke(contract, 'approvePermit', clerk, ['PM-1']), 'FORBIDDEN');
 */
export async function expectRejected(ledger: FakeLedger, call: () => Promise<unknown>, code: string): Promise<void> {
  const before = ledger.snapshot();
  const events = ledger.events.length;
  await expect(call()).rejects.toMatchObject({ code });
  expect(ledger.snapshot()).toBe(before);
  expect(ledger.events).toHaveLength(events);
}
