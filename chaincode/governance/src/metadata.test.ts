import { FakeLedger, Msp, transactionFunctions } from '@city-ledger/chaincode-common/testing';
import { Role } from '@city-ledger/chaincode-common';
import type { Contract } from 'fabric-contract-api';
import { contracts } from './index';

const EXPECTED: Record<string, { submit: string[]; evaluate: string[] }> = {
  budgeting: { submit: ['openRound', 'admitVoters', 'castBallot', 'closeRound'], evaluate: ['getRound', 'checkReceipt', 'getBallotHistory'] },
  budget: { submit: ['appropriate', 'awardContract', 'recordPayment'], evaluate: ['getAppropriation', 'getContract', 'listContractPayments', 'getBudgetSummary'] },
  council: { submit: ['recordDecision'], evaluate: ['getDecision', 'checkDocument'] },
};

interface TxMetadata {
  name: string;
  tag: string[];
}

/** Every transaction of `contract` with its SUBMIT/EVALUATE tag, as fabric-contract-api records it. */
function tagged(contract: Contract): TxMetadata[] {
  return (Reflect as unknown as { getMetadata(key: string, target: object): TxMetadata[] }).getMetadata('fabric:transactions', contract);
}

describe('governance metadata', () => {
  it('lists every contract and transaction, each submit or evaluate as declared', () => {
    expect(transactionFunctions(contracts, 'governance').map((t) => `${t.contract}:${t.fn}`).sort()).toEqual(
      Object.entries(EXPECTED).flatMap(([c, e]) => [...e.submit, ...e.evaluate].map((fn) => `${c}:${fn}`)).sort(),
    );
    for (const Cls of contracts) {
      const contract = new Cls();
      const txs = tagged(contract);
      const expected = EXPECTED[contract.getName() as string];
      expect(txs.filter((t) => t.tag.includes('SUBMIT')).map((t) => t.name).sort()).toEqual([...(expected?.submit ?? [])].sort());
    }
  });
});

describe('regulators never write', () => {
  const writes = contracts.flatMap((Cls) => {
    const contract = new Cls();
    return tagged(contract)
      .filter((t) => t.tag.includes('SUBMIT'))
      .map((t) => [`${contract.getName()}:${t.name}`, contract, t.name] as const);
  });

  it.each(writes)('%s -> FORBIDDEN for the Auditor, whatever its role', async (_, contract, fn) => {
    const ledger = new FakeLedger();
    const arity = transactionFunctions(contracts, 'governance').find((t) => t.contract === contract.getName() && t.fn === fn)?.arity ?? 0;
    for (const role of [Role.Auditor, Role.Clerk, Role.Registrar]) {
      await expect(ledger.invoke(contract, fn, { msp: Msp.Auditor, role }, Array.from({ length: arity }, () => 'X-1'))).rejects.toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('regulators are read-only'),
      });
    }
    expect(ledger.snapshot()).toBe(new FakeLedger().snapshot());
  });
});
