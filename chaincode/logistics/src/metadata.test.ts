import { Msp, FakeLedger } from '@city-ledger/chaincode-common/testing';
import { JSONSerializer, type Contract } from 'fabric-contract-api';
import { componentSchema, Role } from '@city-ledger/chaincode-common';
import { Shipment, WasteManifest } from '@city-ledger/domain';
import { Msp } from '@city-ledger/chaincode-common/testing';
import { contracts } from './index';

// fabric-shim builds the `org.hyperledger.fabric:GetMetadata` answer exactly like this.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ChaincodeFromContract = require('fabric-shim/lib/contract-spi/chaincodefromcontract') as new (
  classes: (typeof Contract)[],
  serializers: unknown,
  metadata: object,
  title: string,
  version: string,
) => { metadata: Metadata };

interface TxMetadata {
  name: string;
  tag: string[];
  parameters: { name: string; schema: { type: string } }[];
  returns?: unknown;
}
interface Metadata {
  contracts: Record<string, { name: string; transactions: TxMetadata[]; info: { title: string } }>;
  components: { schemas: Record<string, unknown> };
}

const EXPECTED: Record<string, { submit: string[]; evaluate: string[] }> = {
  shipments: { submit: ['createShipment', 'receiveShipment', 'closeShipment'], evaluate: ['getShipment', 'trace'] },
  custody: { submit: ['offerCustody', 'withdrawCustodyOffer', 'acceptCustody'], evaluate: [] },
  coldchain: { submit: ['recordSensorReadings', 'recordSignedSensorReadings'], evaluate: [] },
  waste: { submit: ['recordCollection', 'recordTransfer', 'recordProcessing'], evaluate: ['getManifest', 'getManifestHistory'] },
  materials: {
    submit: ['registerDelivery'],
    evaluate: ['getDelivery', 'listDeliveriesByPermit', 'getSupplierTerms'],
  },
};

function buildMetadata(): Metadata {
  const serializers = { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } };
  return new ChaincodeFromContract([...contracts], serializers, {}, 'logistics', '0.1.0').metadata;
}

/** Every (contract, transaction) pair from the metadata, with its SUBMIT/EVALUATE tag. */
function transactions(): { contract: Contract; name: string; fn: string; submit: boolean; arity: number }[] {
  const reflect = Reflect as unknown as { getMetadata(key: string, target: object): TxMetadata[] };
  return contracts.flatMap((Cls) => {
    const contract = new Cls();
    return reflect.getMetadata('fabric:transactions', contract).map((tx) => ({
      contract,
      name: contract.getName(),
      fn: tx.name,
      submit: tx.tag.includes('SUBMIT'),
      arity: tx.parameters.length,
    }));
  });
}

describe('contract metadata (org.hyperledger.fabric:GetMetadata)', () => {
  const metadata = buildMetadata();

  it('lists every contract and transaction with its SUBMIT/EVALUATE tag', () => {
    expect(Object.keys(metadata.contracts).sort()).toEqual([...Object.keys(EXPECTED), 'org.hyperledger.fabric'].sort());
    for (const [name, expected] of Object.entries(EXPECTED)) {
      const txs = metadata.contracts[name]?.transactions ?? [];
      expect(txs.filter((tx) => tx.tag.includes('SUBMIT')).map((tx) => tx.name).sort()).toEqual([...expected.submit].sort());
      expect(txs.filter((tx) => tx.tag.includes('EVALUATE')).map((tx) => tx.name).sort()).toEqual(
        [...expected.evaluate].sort(),
      );
    }
  });

  it('describes every contract (@Info), every return type (@Returns) and string parameters', () => {
    for (const name of Object.keys(EXPECTED)) {
      const contract = metadata.contracts[name];
      expect(contract?.info.title).not.toBe('');
      for (const tx of contract?.transactions ?? []) {
        expect(tx.returns).toBeDefined();
        for (const param of tx.parameters) {
          expect(param.schema).toEqual({ type: 'string' });
        }
      }
    }
  });

  it("serves the domain's schemas as its components, limits and enums included", () => {
    const { schemas } = buildMetadata().components;
    expect(schemas['Shipment']).toEqual(componentSchema('Shipment', Shipment));
    expect(schemas['WasteManifest']).toEqual(componentSchema('WasteManifest', WasteManifest));
    expect(schemas['WasteManifest']).toMatchObject({ properties: { collectedKg: { maximum: 1_000_000 }, wasteType: { enum: expect.arrayContaining(['hazardous']) } } });
  });

  it('declares every returned and nested type as a component schema', () => {
    const text = JSON.stringify(metadata);
    const refs = new Set([...text.matchAll(/"\$ref":"(?:#\/components\/schemas\/)?([A-Za-z]+)"/g)].map((m) => m[1]));
    expect(refs.size).toBeGreaterThan(5);
    for (const ref of refs) {
      expect(metadata.components.schemas).toHaveProperty([ref as string]);
    }
  });
});

describe('regulators never write', () => {
  const writes = transactions().filter((tx) => tx.submit);

  it('finds every write transaction', () => {
    expect(writes.map((tx) => `${tx.name}:${tx.fn}`).sort()).toEqual(
      Object.entries(EXPECTED)
        .flatMap(([name, e]) => e.submit.map((fn) => `${name}:${fn}`))
        .sort(),
    );
  });

  it.each(writes.map((tx) => [`${tx.name}:${tx.fn}`, tx] as const))('%s -> FORBIDDEN for the Auditor', async (_, tx) => {
    const ledger = new FakeLedger();
    const before = ledger.snapshot();
    for (const role of [Role.Auditor, Role.Officer, Role.Admin]) {
      const args = Array.from({ length: tx.arity }, () => 'X-1');
      await expect(ledger.invoke(tx.contract, tx.fn, { msp: Msp.Auditor, role }, args)).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('regulators are read-only'),
      });
    }
    expect(ledger.snapshot()).toBe(before);
    expect(ledger.events).toHaveLength(0);
  });
});
