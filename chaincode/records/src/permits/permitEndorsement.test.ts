// Key-level endorsement of permits: AND(Registry, Public Works) from approval on.
// Fixtures first: they load chaincode-common/testing, which quiets fabric-contract-api.
import { clerk, inspector, newLedger, registrar } from '../testing/fixtures';
import { Msp, FakeCaller, FakeLedger } from '@city-ledger/chaincode-common/testing';
import { PropertyContract } from '../property/propertyContract';
import { parcelKey } from '../property/parcel';
import { PERMIT_STATUS_INDEX, permitKey } from './permit';
import { approvedPermitEndorsers, PermitsContract } from './permitsContract';

const permits = new PermitsContract();
const BOTH = [Msp.PublicWorks, Msp.Registry];

let ledger: FakeLedger;
let key: string;

beforeEach(async () => {
  ledger = newLedger();
  key = permitKey(ledger.context(clerk), 'PM-1');
  const permit = { id: 'PM-1', kind: 'BUILDING', applicantId: 'C-1', description: 'Detached garage' };
  await ledger.invoke(permits, 'applyForPermit', clerk, [JSON.stringify(permit)], { applicant: { name: 'Bob Builder' } });
});

const run = (fn: string, caller: FakeCaller, ...args: string[]) => ledger.invoke(permits, fn, caller, ['PM-1', ...args]);

describe('permit key-level endorsement', () => {
  it('is AND(Registry, Public Works)', () => {
    expect(approvedPermitEndorsers().sort()).toEqual(BOTH);
  });

  it('keeps the chaincode policy (Registry) until approval, then needs both departments to the end', async () => {
    expect(ledger.keyEndorsers(key)).toBeUndefined();
    await run('reviewPermit', registrar);
    expect(ledger.keyEndorsers(key)).toBeUndefined();

    await run('approvePermit', registrar);
    expect(ledger.keyEndorsers(key)).toEqual(BOTH);
    await run('inspectPermit', inspector, '{"result":"FAILED"}');
    expect(ledger.keyEndorsers(key)).toEqual(BOTH);
    await run('inspectPermit', inspector, '{"result":"PASSED"}');
    expect(ledger.keyEndorsers(key)).toEqual(BOTH);
    await run('closePermit', registrar);
    expect(ledger.keyEndorsers(key)).toEqual(BOTH);

    // Status index entries are created and deleted, never updated: chaincode policy.
    const index = ledger.context(clerk).stub.createCompositeKey(PERMIT_STATUS_INDEX, ['CLOSED', 'PM-1']);
    expect(ledger.world.has(index)).toBe(true);
    expect(ledger.keyEndorsers(index)).toBeUndefined();
  });

  it('sets no policy on a rejected permit or when a transition is refused', async () => {
    await run('reviewPermit', registrar);
    await expect(run('inspectPermit', inspector, '{"result":"PASSED"}')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(ledger.keyEndorsers(key)).toBeUndefined();
    await run('rejectPermit', registrar, 'Exceeds the zoning height limit');
    expect(ledger.keyEndorsers(key)).toBeUndefined();
  });
});

describe('property records', () => {
  it('carry no key-level policy (the chaincode policy already requires Registry)', async () => {
    await ledger.invoke(
      new PropertyContract(),
      'registerParcel',
      clerk,
      [JSON.stringify({ id: 'P-1', ownerId: 'C-1', location: 'Lot 7, North', areaM2: 420, landUse: 'RESIDENTIAL' })],
      { owner: { name: 'Ada Lovelace', address: '1 Main Street' } },
    );
    const parcel = parcelKey(ledger.context(clerk), 'P-1');
    expect(ledger.world.has(parcel)).toBe(true);
    expect(ledger.keyEndorsers(parcel)).toBeUndefined();
  });
});
