import { Msp, auditor, FakeLedger, healthOfficer as health, publicWorksClerk as publicWorks, registryClerk as registry } from '@city-ledger/chaincode-common/testing';
import { Role } from '@city-ledger/chaincode-common';
import { CustodyContract } from './custody';
import type { EpcisEventPage } from './epcis';
import { ShipmentsContract } from './shipments';
import type { Shipment } from './shipment';

const shipments = new ShipmentsContract();
const custody = new CustodyContract();
const DEPOT = 'urn:epc:id:sgln:0614141.00777.0';

async function setup(): Promise<FakeLedger> {
  const ledger = new FakeLedger();
  await ledger.invoke(shipments, 'createShipment', health, [
    JSON.stringify({ id: 'SH-1', epcList: ['urn:epc:id:sscc:0614141.1234567890'] }),
  ]);
  return ledger;
}

async function offer(ledger: FakeLedger, to: string = Msp.PublicWorks) {
  return ledger.invoke<Shipment>(custody, 'offerCustody', health, ['SH-1', to]);
}

describe('custody handover', () => {
  it('offer -> accept by the receiving department moves custody', async () => {
    const ledger = await setup();
    const offered = await offer(ledger);
    expect(offered.result).toMatchObject({
      status: 'OFFERED',
      custodian: Msp.Health,
      pendingOffer: { from: Msp.Health, to: Msp.PublicWorks, offeredAt: offered.timestamp },
      bizStep: 'shipping',
      disposition: 'in_transit',
    });
    expect(offered.event).toMatchObject({
      name: 'CustodyOffered',
      payload: { shipmentId: 'SH-1', from: Msp.Health, to: Msp.PublicWorks, status: 'OFFERED' },
    });
    const accepted = await ledger.invoke<Shipment>(custody, 'acceptCustody', publicWorks, [
      'SH-1',
      JSON.stringify({ bizLocation: DEPOT }),
    ]);
    expect(accepted.result).toMatchObject({ status: 'ACTIVE', custodian: Msp.PublicWorks, bizStep: 'accepting', bizLocation: DEPOT });
    expect(accepted.result.pendingOffer).toBeUndefined();
    expect(accepted.event).toMatchObject({ name: 'CustodyAccepted', payload: { custodian: Msp.PublicWorks } });
    const { result } = await ledger.evaluate<EpcisEventPage>(shipments, 'trace', auditor, ['SH-1', '10', '']);
    expect(result.items.map((e) => e.bizStep)).toEqual(['shipping', 'shipping', 'accepting']);
    expect(result.items[1]).toMatchObject({
      sourceList: [{ type: 'possessing_party', party: Msp.Health }],
      destinationList: [{ type: 'possessing_party', party: Msp.PublicWorks }],
    });
    expect(result.items[2]).toMatchObject({
      sourceList: [{ type: 'possessing_party', party: Msp.Health }],
      destinationList: [{ type: 'possessing_party', party: Msp.PublicWorks }],
    });
    // The new custodian may now receive; the old one no longer may.
    await expect(ledger.invoke(shipments, 'receiveShipment', health, ['SH-1', ''])).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await ledger.invoke(shipments, 'receiveShipment', publicWorks, ['SH-1', '']);
  });

  it('lets the sender withdraw a pending offer, after which nobody can accept', async () => {
    const ledger = await setup();
    await offer(ledger);
    const withdrawn = await ledger.invoke<Shipment>(custody, 'withdrawCustodyOffer', health, ['SH-1']);
    expect(withdrawn.result).toMatchObject({ status: 'ACTIVE', custodian: Msp.Health, bizStep: 'void_shipping' });
    expect(withdrawn.result.pendingOffer).toBeUndefined();
    expect(withdrawn.event).toMatchObject({ name: 'CustodyOfferWithdrawn', payload: { to: Msp.PublicWorks } });
    const before = ledger.snapshot();
    await expect(ledger.invoke(custody, 'acceptCustody', publicWorks, ['SH-1', ''])).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'CONFLICT: shipment SH-1 has no pending custody offer',
    });
    await expect(ledger.invoke(custody, 'withdrawCustodyOffer', health, ['SH-1'])).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(ledger.snapshot()).toBe(before);
    // A new offer can go to someone else.
    await offer(ledger, Msp.Registry);
    await ledger.invoke(custody, 'acceptCustody', registry, ['SH-1', '']);
  });

  it('refuses acceptance by any org but the receiving one (FORBIDDEN)', async () => {
    const ledger = await setup();
    await offer(ledger);
    const before = ledger.snapshot();
    for (const who of [registry, health]) {
      await expect(ledger.invoke(custody, 'acceptCustody', who, ['SH-1', ''])).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: `FORBIDDEN: only ${Msp.PublicWorks} may accept custody of shipment SH-1`,
      });
    }
    await expect(
      ledger.invoke(custody, 'acceptCustody', { msp: Msp.PublicWorks, role: Role.Inspector }, ['SH-1', '']),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(ledger.snapshot()).toBe(before);
  });

  it('lets only the custodian offer or withdraw (FORBIDDEN)', async () => {
    const ledger = await setup();
    await expect(ledger.invoke(custody, 'offerCustody', publicWorks, ['SH-1', Msp.Registry])).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await offer(ledger);
    await expect(ledger.invoke(custody, 'withdrawCustodyOffer', publicWorks, ['SH-1'])).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('refuses illegal custody transitions with CONFLICT', async () => {
    const ledger = await setup();
    await expect(ledger.invoke(custody, 'acceptCustody', publicWorks, ['SH-1', ''])).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await offer(ledger);
    const before = ledger.snapshot();
    await expect(offer(ledger, Msp.Registry)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'CONFLICT: shipment SH-1 is OFFERED; offerCustody needs ACTIVE',
    });
    // No receiving or closing while an offer is pending.
    await expect(ledger.invoke(shipments, 'receiveShipment', health, ['SH-1', ''])).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(ledger.snapshot()).toBe(before);
    await ledger.invoke(custody, 'withdrawCustodyOffer', health, ['SH-1']);
    await ledger.invoke(shipments, 'receiveShipment', health, ['SH-1', '']);
    await expect(offer(ledger)).rejects.toMatchObject({ code: 'CONFLICT' });
    await ledger.invoke(shipments, 'closeShipment', health, ['SH-1']);
    await expect(offer(ledger)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it.each([
    ['offerCustody', ['SH-1', Msp.Health]],
    ['offerCustody', ['SH-1', Msp.Auditor]],
    ['offerCustody', ['SH-1', 'NobodyMSP']],
    ['offerCustody', ['SH 1', Msp.PublicWorks]],
    ['withdrawCustodyOffer', ['']],
    ['acceptCustody', ['SH-1', '[]']],
    ['acceptCustody', ['SH-1', '{"readPoint":1}']],
  ])('%s(%j) -> INVALID_ARGUMENT, no state change', async (fn, args) => {
    const ledger = await setup();
    const before = ledger.snapshot();
    const who = fn === 'acceptCustody' ? publicWorks : health;
    await expect(ledger.invoke(custody, fn, who, args)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(ledger.snapshot()).toBe(before);
  });

  it('answers NOT_FOUND for an unknown shipment', async () => {
    const ledger = new FakeLedger();
    for (const [fn, args] of [
      ['offerCustody', ['SH-9', Msp.PublicWorks]],
      ['withdrawCustodyOffer', ['SH-9']],
      ['acceptCustody', ['SH-9', '']],
    ] as const) {
      await expect(ledger.invoke(custody, fn, health, [...args])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});
