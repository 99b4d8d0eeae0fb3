// Hostile arguments to every transaction function of the energy chaincode (common/src/testing/fuzzTransactions.ts).
import { fuzzTransactions } from '@city-ledger/chaincode-common/testing';
import { contracts } from './index';
import { energyLedger } from './testing/fakeDevices';

jest.setTimeout(120_000);

it('answers hostile arguments to every transaction function only with coded errors, changing nothing', async () => {
  const { ledger, meters } = energyLedger();
  meters.add('MTR-1', 'C-1');
  const report = await fuzzTransactions({ contracts, title: 'energy', ledger });
  console.log(`energy chaincode fuzz: ${report.calls} calls, ${report.succeeded} succeeded`);
  expect(report.failures).toEqual([]);
});
