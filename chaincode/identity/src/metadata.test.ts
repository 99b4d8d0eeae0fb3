// Fixtures first: they load the FakeLedger, which quiets fabric-contract-api logging.
import { credentialDoc, issue, newLedger, personalData, registerCitizen, who } from './testing/fixtures';
import { JSONSerializer, type Contract } from 'fabric-contract-api';
import { componentSchema } from '@city-ledger/chaincode-common';
import { Citizen, StatusList } from '@city-ledger/domain';
import { contracts } from './index';

interface TransactionMetadata {
  name: string;
  tag: string[];
  parameters: { name: string; schema: { type?: string } }[];
  returns?: { $ref?: string };
}

interface Metadata {
  contracts: Record<string, { name: string; info: { title: string }; transactions: TransactionMetadata[] }>;
  components: { schemas: Record<string, { properties: Record<string, { $ref?: string; items?: { $ref?: string } }> }> };
}

// What `org.hyperledger.fabric:GetMetadata` answers: the contract runtime's own metadata
// builder (it also compiles every object schema, so a dangling $ref fails here).
const ChaincodeFromContract = jest.requireActual<
  new (classes: (typeof Contract)[], serializers: unknown, metadata: object, title: string, version: string) => {
    contractImplementations: Record<string, { contractInstance: { GetMetadata?: () => Promise<Metadata> } }>;
  }
>('fabric-shim/lib/contract-spi/chaincodefromcontract');

async function getMetadata(): Promise<Metadata> {
  const serializers = { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } };
  const chaincode = new ChaincodeFromContract([...contracts], serializers, {}, 'identity', '0.1.0');
  const system = chaincode.contractImplementations['org.hyperledger.fabric']?.contractInstance;
  return (await system?.GetMetadata?.()) as Metadata;
}

const EXPECTED: Record<string, { submit: string[]; evaluate: string[] }> = {
  citizens: { submit: ['registerCitizen', 'deactivateCitizen'], evaluate: ['getCitizen', 'readCitizenPrivate'] },
  credentials: {
    submit: ['issueCredential', 'suspendCredential', 'reinstateCredential', 'revokeCredential'],
    evaluate: ['getCredential', 'listCredentialsBySubject', 'verify'],
  },
  statusLists: { submit: [], evaluate: ['getStatusList'] },
};

let metadata: Metadata;
beforeAll(async () => {
  metadata = await getMetadata();
});

const txs = (contract: string, tag: string): string[] =>
  (metadata.contracts[contract]?.transactions ?? []).filter((t) => t.tag.includes(tag)).map((t) => t.name);

describe('contract metadata', () => {
  it('lists every contract and every transaction, submit or evaluate', () => {
    expect(Object.keys(metadata.contracts).sort()).toEqual([...Object.keys(EXPECTED), 'org.hyperledger.fabric'].sort());
    for (const [name, expected] of Object.entries(EXPECTED)) {
      expect(metadata.contracts[name]?.info.title).toEqual(expect.any(String));
      expect(txs(name, 'SUBMIT').sort()).toEqual([...expected.submit].sort());
      expect(txs(name, 'EVALUATE').sort()).toEqual([...expected.evaluate].sort());
      expect(metadata.contracts[name]?.transactions).toHaveLength(expected.submit.length + expected.evaluate.length);
    }
  });

  it('types every parameter as string and every return as a declared object', () => {
    const schemas = metadata.components.schemas;
    for (const contract of Object.keys(EXPECTED)) {
      for (const tx of metadata.contracts[contract]?.transactions ?? []) {
        expect(tx.parameters.map((p) => p.schema.type)).toEqual(tx.parameters.map(() => 'string'));
        const ref = tx.returns?.$ref?.replace('#/components/schemas/', '') ?? '';
        expect([tx.name, ref in schemas]).toEqual([tx.name, true]);
      }
    }
    expect(Object.keys(schemas).sort()).toEqual(
      [
        'Citizen',
        'CitizenPersonalData',
        'Credential',
        'CredentialIssuer',
        'CredentialPage',
        'CredentialSchema',
        'StatusList',
        'VerificationResult',
      ].sort(),
    );
    expect(schemas['Credential']?.properties['schema']).toEqual({ $ref: 'CredentialSchema' });
    expect(schemas['CredentialPage']?.properties['items']).toEqual({ type: 'array', items: { $ref: 'Credential' } });
  });
});

describe('components', () => {
  it("are the domain's schemas, limits and enums included", () => {
    const { schemas } = metadata.components;
    expect(schemas['Citizen']).toEqual(componentSchema('Citizen', Citizen));
    expect(schemas['StatusList']).toEqual(componentSchema('StatusList', StatusList));
    expect(schemas['CitizenPersonalData']).toMatchObject({ properties: { salt: { minLength: 16, maxLength: 256 } } });
  });
});

describe('the regulator', () => {
  // Every submit transaction of every contract, taken from the metadata so none is missed.
  const writes = (): [string, string, number][] =>
    Object.keys(EXPECTED).flatMap((contract) =>
      (metadata.contracts[contract]?.transactions ?? [])
        .filter((t) => t.tag.includes('SUBMIT'))
        .map((t) => [contract, t.name, t.parameters.length] as [string, string, number]),
    );

  it('has write transactions to check', () => {
    expect(writes()).toHaveLength(6);
  });

  it('is FORBIDDEN on every write, with valid or garbage input, and changes nothing', async () => {
    const ledger = newLedger();
    await registerCitizen(ledger, 'CIT-1');
    await issue(ledger, credentialDoc());
    const instances = new Map(contracts.map((C) => [new C().getName(), new C()]));
    const transient = { citizen: personalData(), credential: credentialDoc('residency', 'CRED-2') };
    for (const [contract, fn, arity] of writes()) {
      for (const args of [Array(arity).fill('CRED-1'), Array(arity).fill('CIT-2'), Array(arity).fill('{')]) {
        const before = ledger.snapshot();
        await expect(ledger.invoke(instances.get(contract) as Contract, fn, who.auditor, args, transient)).rejects.toThrow(
          /^FORBIDDEN: regulators are read-only/,
        );
        expect(ledger.snapshot()).toBe(before);
      }
    }
  });
});
