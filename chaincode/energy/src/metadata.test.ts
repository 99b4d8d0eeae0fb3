import { FakeLedger, FOUNDING_CONSORTIUM, Msp, transactionFunctions } from '@city-ledger/chaincode-common/testing';
import { componentSchema, Role } from '@city-ledger/chaincode-common';
import { JSONSerializer, type Contract } from 'fabric-contract-api';
import { MarketInterval } from '@city-ledger/domain';
import { Collections } from './collections';
import { contracts } from './index';

// fabric-shim builds the `org.hyperledger.fabric:GetMetadata` answer exactly like this.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ChaincodeFromContract = require('fabric-shim/lib/contract-spi/chaincodefromcontract') as new (
  classes: (typeof Contract)[],
  serializers: unknown,
  metadata: object,
  title: string,
  version: string,
) => { metadata: { components: { schemas: Record<string, unknown> }; contracts: Record<string, { transactions: { name: string; tag: string[]; returns?: unknown }[] }> } };

const WRITES = ['market:openInterval', 'market:placeOffer', 'market:placeBid', 'market:clearInterval', 'market:settleInterval', 'credits:deposit', 'credits:withdraw', 'credits:transfer', 'carbon:recordReduction', 'carbon:issueCredits', 'carbon:transferCredit', 'carbon:retireCredit'];

const metadata = new ChaincodeFromContract([...contracts], { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } }, {}, 'energy', '0.1.0').metadata;

describe('energy chaincode metadata', () => {
  it('tags exactly the writes SUBMIT and declares a return type and component for every function', () => {
    const txs = Object.entries(metadata.contracts).filter(([name]) => name !== 'org.hyperledger.fabric').flatMap(([name, c]) => c.transactions.map((tx) => ({ ...tx, id: `${name}:${tx.name}` })));
    expect(txs.filter((tx) => tx.tag.includes('SUBMIT')).map((tx) => tx.id).sort()).toEqual([...WRITES].sort());
    for (const tx of txs) expect(tx.returns).toBeDefined();
    const refs = new Set([...JSON.stringify(metadata.contracts).matchAll(/"\$ref":"(?:#\/components\/schemas\/)?([A-Za-z]+)"/g)].map((m) => m[1]));
    for (const ref of refs) expect(metadata.components.schemas).toHaveProperty([ref as string]);
    expect(metadata.components.schemas['MarketInterval']).toEqual(componentSchema('MarketInterval', MarketInterval));
  });

  it('declares its collection in the consortium: positions for Public Works (energy-market) only', () => {
    expect(FOUNDING_CONSORTIUM.collections[Collections.Positions]?.members).toEqual([Msp.PublicWorks]);
  });

  it.each(WRITES)('%s is FORBIDDEN to the Auditor, changing nothing', async (id) => {
    const [name, fn] = id.split(':') as [string, string];
    const tx = transactionFunctions(contracts, 'energy').find((t) => t.contract === name && t.fn === fn);
    const contract = new (contracts.find((C) => new C().getName() === name) as typeof Contract)();
    const ledger = new FakeLedger();
    const before = ledger.snapshot();
    await expect(ledger.invoke(contract, fn, { msp: Msp.Auditor, role: Role.Officer }, Array.from({ length: tx?.arity ?? 1 }, () => 'X-1'))).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('regulators are read-only') });
    expect(ledger.snapshot()).toBe(before);
  });
});
