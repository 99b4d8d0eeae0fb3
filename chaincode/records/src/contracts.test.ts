import { Msp, FakeLedger, type FakeCaller, FOUNDING_CONSORTIUM } from '@city-ledger/chaincode-common/testing';
// Whole-chaincode checks: the metadata that org.hyperledger.fabric:GetMetadata serves, the
// regulator rule on every write function, and membership on every private read.
import { Contract, JSONSerializer } from 'fabric-contract-api';
import { componentSchema, Role } from '@city-ledger/chaincode-common';
import * as domain from '@city-ledger/domain';
import { collectionMembersOf } from './collections';
import { contracts } from './index';

// fabric-shim's contract runtime: the class `fabric-chaincode-node server` builds from `contracts`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ChaincodeFromContract = require('fabric-shim/lib/contract-spi/chaincodefromcontract') as new (
  classes: (typeof Contract)[],
  serializers: unknown,
  metadata: object,
  title: string,
  version: string,
) => { metadata: Metadata; contractImplementations: Record<string, { contractInstance: { GetMetadata(): Promise<Metadata> } }> };

interface TransactionMetadata {
  name: string;
  tag: string[];
  parameters: { name: string; schema: { type?: string } }[];
  returns?: Record<string, unknown>;
}
interface Metadata {
  contracts: Record<string, { name: string; info: { title: string; description?: string }; transactions: TransactionMetadata[] }>;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
}

const chaincode = new ChaincodeFromContract(
  [...contracts],
  { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } },
  {},
  'records',
  '0.1.0',
);
const instances = contracts.map((C) => new C());

const EXPECTED = {
  property: {
    submit: ['registerParcel', 'registerParcels', 'transferParcel', 'addEncumbrance', 'releaseEncumbrance'],
    evaluate: ['getParcel', 'getParcelHistory', 'listParcelsByOwner', 'getOwnerDetails'],
  },
  vital: {
    submit: ['registerBirth', 'registerMarriage', 'registerDeath', 'registerVitalRecords', 'amendVitalRecord', 'voidVitalRecord'],
    evaluate: ['getVitalRecord', 'getVitalRecordHistory', 'getVitalRecordPrivate', 'getDeathCause', 'verify'],
  },
  permits: {
    submit: ['applyForPermit', 'applyForPermits', 'reviewPermit', 'approvePermit', 'rejectPermit', 'inspectPermit', 'closePermit'],
    evaluate: ['getPermit', 'getPermitHistory', 'listPermitsByStatus', 'getPermitApplicant'],
  },
} as const;

type ContractName = keyof typeof EXPECTED;

function contractNamed(name: string): Contract {
  const contract = instances.find((c) => c.getName() === name);
  if (!contract) throw new Error(`no contract ${name}`);
  return contract;
}

function transactions(name: string, tag: 'SUBMIT' | 'EVALUATE'): TransactionMetadata[] {
  return (chaincode.metadata.contracts[name]?.transactions ?? []).filter((tx) => tx.tag.includes(tag));
}

/** Every `$ref` anywhere in `value`. */
function refs(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refs);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => (key === '$ref' && typeof v === 'string' ? [v] : refs(v)));
  }
  return [];
}

describe('contract metadata (org.hyperledger.fabric:GetMetadata)', () => {
  it('lists the three contracts and the system contract', async () => {
    expect(Object.keys(chaincode.metadata.contracts).sort()).toEqual(['org.hyperledger.fabric', 'permits', 'property', 'vital']);
    const served = await chaincode.contractImplementations['org.hyperledger.fabric']?.contractInstance.GetMetadata();
    expect(Object.keys(served?.contracts ?? {})).toEqual(Object.keys(chaincode.metadata.contracts));
  });

  it.each(Object.keys(EXPECTED) as ContractName[])('%s has @Info and exactly the expected transactions', (name) => {
    const meta = chaincode.metadata.contracts[name];
    expect(meta?.info.title).toMatch(/\S/);
    expect(meta?.info.description).toMatch(/\S/);
    expect(transactions(name, 'SUBMIT').map((t) => t.name)).toEqual(EXPECTED[name].submit);
    expect(transactions(name, 'EVALUATE').map((t) => t.name)).toEqual(EXPECTED[name].evaluate);
  });

  it.each(Object.keys(EXPECTED) as ContractName[])('%s: every public method is a @Transaction with @Returns and string parameters', (name) => {
    const contract = contractNamed(name);
    // Like the runtime: own methods, minus the constructor and the Contract API hooks (createContext).
    const hooks = Object.getOwnPropertyNames(Contract.prototype);
    const methods = Object.getOwnPropertyNames(Object.getPrototypeOf(contract)).filter((m) => !hooks.includes(m));
    expect(methods.length).toBeGreaterThanOrEqual(8);
    const declared = chaincode.metadata.contracts[name]?.transactions ?? [];
    expect(declared.map((t) => t.name).sort()).toEqual(methods.sort());
    for (const tx of declared) {
      expect(tx.returns).toBeDefined();
      for (const param of tx.parameters) {
        expect(param.schema.type).toBe('string');
      }
    }
  });

  it('describes every type a transaction returns, transitively', () => {
    const schemas = chaincode.metadata.components.schemas;
    const returned = Object.values(chaincode.metadata.contracts).flatMap((c) => c.transactions.flatMap((t) => refs(t.returns)));
    const names = new Set(returned.map((r) => r.replace('#/components/schemas/', '')));
    for (const name of [...names]) {
      for (const ref of refs(schemas[name]?.properties)) names.add(ref);
    }
    for (const name of names) {
      expect(schemas[name]?.properties).toBeDefined();
    }
    expect(names.size).toBeGreaterThanOrEqual(10);
  });

  it("serves the domain's schemas, by name, as its components", async () => {
    const { HistoryEntry, Page, Parcel, Permit, VitalRecord } = domain;
    const expected = {
      Parcel,
      ParcelPage: Page(Parcel),
      ParcelHistoryEntry: HistoryEntry(Parcel),
      OwnerDetails: domain.OwnerDetails,
      VitalRecord,
      VitalRecordHistoryEntry: HistoryEntry(VitalRecord),
      VitalPrivateData: domain.VitalPrivateData,
      DeathCause: domain.DeathCause,
      VerifyResult: domain.VerifyResult,
      Permit,
      PermitPage: Page(Permit),
      PermitHistoryEntry: HistoryEntry(Permit),
      PermitApplicant: domain.PermitApplicant,
    };
    const served = await chaincode.contractImplementations['org.hyperledger.fabric']?.contractInstance.GetMetadata();
    for (const [name, schema] of Object.entries(expected)) {
      expect(served?.components.schemas[name]).toEqual(componentSchema(name, schema));
    }
  });
});

const auditor: FakeCaller = { msp: Msp.Auditor, role: Role.Auditor };
const registrar: FakeCaller = { msp: Msp.Registry, role: Role.Registrar };
const SALT = 'ab'.repeat(32);

/** A ledger with one parcel (P-1, owner C-1), birth B-1, death D-1 and permit PM-1. */
async function seededLedger(): Promise<FakeLedger> {
  const ledger = new FakeLedger();
  for (const [name, spec] of Object.entries(FOUNDING_CONSORTIUM.collections)) {
    ledger.defineCollection(name, { members: spec.members });
  }
  await ledger.invoke(contractNamed('property'), 'registerParcel', { msp: Msp.Registry, role: Role.Clerk }, [
    '{"id":"P-1","ownerId":"C-1","location":"Lot 1","areaM2":100,"landUse":"RESIDENTIAL"}',
  ], { owner: { name: 'Owner', address: 'Somewhere' } });
  await ledger.invoke(contractNamed('vital'), 'registerBirth', registrar, ['B-1'], {
    vital: { salt: SALT, details: { childName: 'C', bornAt: '2025-01-01T00:00:00Z', placeOfBirth: 'H', parent1Name: 'P' } },
  });
  await ledger.invoke(contractNamed('vital'), 'registerDeath', registrar, ['D-1'], {
    vital: {
      salt: SALT,
      details: { deceasedName: 'D', diedAt: '2025-01-01T00:00:00Z', placeOfDeath: 'H' },
      causeOfDeath: { cause: 'c', manner: 'NATURAL', certifiedBy: 'Dr' },
    },
  });
  await ledger.invoke(contractNamed('permits'), 'applyForPermit', { msp: Msp.Registry, role: Role.Clerk }, [
    '{"id":"PM-1","kind":"BUILDING","applicantId":"C-1","description":"Shed"}',
  ], { applicant: { name: 'A' } });
  return ledger;
}

/** Plausible arguments for a transaction: existing IDs where an ID is expected. */
function argsFor(contract: string, tx: TransactionMetadata): string[] {
  const id = { property: 'P-1', vital: 'B-1', permits: 'PM-1' }[contract] ?? 'X-1';
  return tx.parameters.map((p) => (/Id$|^id$/.test(p.name) ? id : '{}'));
}

describe('the regulator (AuditorMSP) never writes', () => {
  const writes = Object.keys(EXPECTED).flatMap((name) => transactions(name, 'SUBMIT').map((tx) => [name, tx.name, tx] as const));

  it('covers every submit transaction of every contract', () => {
    expect(writes.map(([c, fn]) => `${c}:${fn}`)).toEqual(
      Object.entries(EXPECTED).flatMap(([c, e]) => e.submit.map((fn) => `${c}:${fn}`)),
    );
  });

  it.each(writes)('%s:%s answers FORBIDDEN and changes nothing', async (name, _fn, tx) => {
    const ledger = await seededLedger();
    const before = ledger.snapshot();
    const events = ledger.events.length;
    for (const caller of [auditor, { msp: Msp.Auditor, role: Role.Admin }, { msp: Msp.Auditor, role: Role.Registrar }]) {
      await expect(
        ledger.invoke(contractNamed(name), tx.name, caller, argsFor(name, tx), { owner: {}, vital: {}, applicant: {} }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('regulators are read-only') });
    }
    expect(ledger.snapshot()).toBe(before);
    expect(ledger.events).toHaveLength(events);
  });
});

describe('private reads and public reads', () => {
  // Every evaluate function is either public (any org) or private (members of its collection).
  const PRIVATE: [ContractName, string, string[], readonly string[]][] = [
    ['property', 'getOwnerDetails', ['C-1'], collectionMembersOf('registryPropertyOwners')],
    ['vital', 'getVitalRecordPrivate', ['B-1'], collectionMembersOf('registryVitalRecords')],
    ['vital', 'getVitalRecordPrivate', ['D-1'], collectionMembersOf('registryHealthDeathRecords')],
    ['vital', 'getDeathCause', ['D-1'], collectionMembersOf('registryHealthDeathCauses')],
    ['permits', 'getPermitApplicant', ['PM-1'], collectionMembersOf('registryPublicWorksPermitApplicants')],
  ];
  const PUBLIC: [ContractName, string, string[]][] = [
    ['property', 'getParcel', ['P-1']],
    ['property', 'getParcelHistory', ['P-1']],
    ['property', 'listParcelsByOwner', ['C-1', '10', '']],
    ['vital', 'getVitalRecord', ['B-1']],
    ['vital', 'getVitalRecordHistory', ['B-1']],
    ['vital', 'verify', ['B-1', JSON.stringify({ salt: SALT, details: {} })]],
    ['permits', 'getPermit', ['PM-1']],
    ['permits', 'getPermitHistory', ['PM-1']],
    ['permits', 'listPermitsByStatus', ['APPLIED', '10', '']],
  ];
  const ALL_MSPS = Object.values(Msp);

  it('classifies every evaluate transaction', () => {
    const classified = [...PRIVATE.map(([c, fn]) => `${c}:${fn}`), ...PUBLIC.map(([c, fn]) => `${c}:${fn}`)];
    const evaluates = Object.entries(EXPECTED).flatMap(([c, e]) => e.evaluate.map((fn) => `${c}:${fn}`));
    expect([...new Set(classified)].sort()).toEqual(evaluates.sort());
  });

  it.each(PRIVATE)('%s:%s(%j) answers members %j only; others get FORBIDDEN', async (name, fn, args, members) => {
    const ledger = await seededLedger();
    for (const msp of ALL_MSPS) {
      for (const role of Object.values(Role)) {
        const call = ledger.evaluate(contractNamed(name), fn, { msp, role }, args);
        if (members.includes(msp)) {
          await expect(call).resolves.toBeDefined();
        } else {
          await expect(call).rejects.toMatchObject({ code: 'FORBIDDEN' });
        }
      }
    }
  });

  it.each(PUBLIC)('%s:%s answers every org, the Auditor included', async (name, fn, args) => {
    const ledger = await seededLedger();
    for (const msp of ALL_MSPS) {
      await expect(ledger.evaluate(contractNamed(name), fn, { msp }, args)).resolves.toBeDefined();
    }
  });
});

describe('unknown functions', () => {
  it.each(Object.keys(EXPECTED))('%s answers INVALID_ARGUMENT', async (name) => {
    await expect(new FakeLedger().invoke(contractNamed(name), 'dropTable', auditor)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
