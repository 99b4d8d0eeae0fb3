import { Msp, FakeLedger, FOUNDING_CONSORTIUM } from '@city-ledger/chaincode-common/testing';
// Key-level endorsement: which departments' peers must endorse the next change of each key.
import { Msp, FakeLedger, healthOfficer as health, publicWorksOfficer as publicWorks, registryClerk as registry } from '@city-ledger/chaincode-common/testing';
import { ColdChainContract } from './coldChainContract';
import { CustodyContract } from './custody';
import { MaterialsContract } from './materials';
import { shipmentEndorsers, type Shipment } from './shipment';
import { ShipmentsContract } from './shipments';
import { WasteContract } from './waste';

const shipments = new ShipmentsContract();
const custody = new CustodyContract();
const coldchain = new ColdChainContract();
const waste = new WasteContract();
const materials = new MaterialsContract();
const POINT = 'urn:epc:id:sgln:0614141.00555.0';

function key(ledger: FakeLedger, objectType: string, ...attrs: string[]): string {
  return ledger.context(registry).stub.createCompositeKey(objectType, attrs);
}

describe('shipments and custody', () => {
  async function created(): Promise<{ ledger: FakeLedger; shipment: string }> {
    const ledger = new FakeLedger();
    await ledger.invoke(shipments, 'createShipment', health, [
      JSON.stringify({ id: 'SH-1', epcList: ['urn:epc:id:sscc:0614141.1234567890'], temperatureRange: { minC: 2, maxC: 8 } }),
    ]);
    return { ledger, shipment: key(ledger, 'shipment', 'SH-1') };
  }
  const offer = (ledger: FakeLedger, to: string = Msp.PublicWorks) => ledger.invoke(custody, 'offerCustody', health, ['SH-1', to]);

  it('ties a new shipment to its custodian; EPCIS event keys and index entries get no policy', async () => {
    const { ledger, shipment } = await created();
    expect(ledger.keyEndorsers(shipment)).toEqual([Msp.Health]);
    const others = ledger.keys().filter((k) => k !== shipment);
    expect(others.length).toBe(2); // the EPCIS event and its shipment~event index entry
    for (const other of others) {
      expect(ledger.keyEndorsers(other)).toBeUndefined();
    }
  });

  it('needs custodian AND receiver while an offer is pending, then the new custodian alone', async () => {
    const { ledger, shipment } = await created();
    await offer(ledger);
    expect(ledger.keyEndorsers(shipment)).toEqual([Msp.Health, Msp.PublicWorks]);
    // Readings while the offer is pending keep both.
    const readings = [{ sensorId: 'T-1', time: '2025-01-01T00:00:00Z', type: 'temperature', value: 5, uom: 'CEL' }];
    await ledger.invoke(coldchain, 'recordSensorReadings', health, ['SH-1', JSON.stringify(readings)]);
    expect(ledger.keyEndorsers(shipment)).toEqual([Msp.Health, Msp.PublicWorks]);

    await ledger.invoke(custody, 'acceptCustody', publicWorks, ['SH-1', '']);
    expect(ledger.keyEndorsers(shipment)).toEqual([Msp.PublicWorks]);
    await ledger.invoke(shipments, 'receiveShipment', publicWorks, ['SH-1', '']);
    await ledger.invoke(shipments, 'closeShipment', publicWorks, ['SH-1']);
    expect(ledger.keyEndorsers(shipment)).toEqual([Msp.PublicWorks]);
  });

  it('goes back to the custodian alone when the offer is withdrawn', async () => {
    const { ledger, shipment } = await created();
    await offer(ledger, Msp.Registry);
    expect(ledger.keyEndorsers(shipment)).toEqual([Msp.Health, Msp.Registry]);
    await ledger.invoke(custody, 'withdrawCustodyOffer', health, ['SH-1']);
    expect(ledger.keyEndorsers(shipment)).toEqual([Msp.Health]);
  });

  it('keeps the policy when a transaction fails', async () => {
    const { ledger, shipment } = await created();
    await offer(ledger);
    await expect(ledger.invoke(custody, 'acceptCustody', registry, ['SH-1', ''])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(ledger.keyEndorsers(shipment)).toEqual([Msp.Health, Msp.PublicWorks]);
  });

  it('derives the endorsers from the shipment state', () => {
    const base = { custodian: Msp.Health } as Shipment;
    expect(shipmentEndorsers(base)).toEqual([Msp.Health]);
    expect(shipmentEndorsers({ ...base, pendingOffer: { from: Msp.Health, to: Msp.Registry, offeredAt: '' } })).toEqual([
      Msp.Health,
      Msp.Registry,
    ]);
  });
});

describe('waste manifests and material deliveries', () => {
  it('ties every manifest write to PublicWorks', async () => {
    const ledger = new FakeLedger();
    const manifest = key(ledger, 'wasteManifest', 'W-1');
    await ledger.invoke(waste, 'recordCollection', publicWorks, [
      JSON.stringify({ id: 'W-1', wasteType: 'organic', collectionPoint: POINT, collectedKg: 1000 }),
    ]);
    expect(ledger.keyEndorsers(manifest)).toEqual([Msp.PublicWorks]);
    await ledger.invoke(waste, 'recordTransfer', publicWorks, ['W-1', JSON.stringify({ facilityId: 'PLANT-1', transferredKg: 980 })]);
    expect(ledger.keyEndorsers(manifest)).toEqual([Msp.PublicWorks]);
    await ledger.invoke(waste, 'recordProcessing', publicWorks, ['W-1', JSON.stringify({ processedKg: 900, residueKg: 80 })]);
    expect(ledger.keyEndorsers(manifest)).toEqual([Msp.PublicWorks]);
  });

  it('ties a delivery to PublicWorks; its index entry gets none (the terms follow their collection)', async () => {
    const ledger = new FakeLedger();
    for (const [name, members] of Object.entries(FOUNDING_CONSORTIUM.collections).map(([n, c]) => [n, c.members] as const)) {
      ledger.defineCollection(name, { members });
    }
    ledger.registerChaincode('records', (args) => ({ id: args[1], status: 'APPROVED' }));
    const terms = { salt: 'a-long-random-salt-0123456789', contractRef: 'PW-1', prices: [{ materialCode: 'C-42', unitPrice: 1, currency: 'EUR' }] };
    await ledger.invoke(
      materials,
      'registerDelivery',
      publicWorks,
      [JSON.stringify({ id: 'D-1', permitId: 'PRM-1', supplierId: 'SUP-9', items: [{ materialCode: 'C-42', quantity: 1, uom: 'TNE' }] })],
      { supplierTerms: terms },
    );
    expect(ledger.keyEndorsers(key(ledger, 'materialsDelivery', 'D-1'))).toEqual([Msp.PublicWorks]);
    expect(ledger.keyEndorsers(key(ledger, 'delivery~permit', 'PRM-1', 'D-1'))).toBeUndefined();
  });
});
