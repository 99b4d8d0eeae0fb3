// Hostile arguments to every transaction function of the governance chaincode (common/src/testing/fuzzTransactions.ts).
import { fuzzTransactions } from '@city-ledger/chaincode-common/testing';
import { contracts } from './index';
import { credential, governanceLedger } from './testing/fixtures';

jest.setTimeout(120_000);

it('answers hostile arguments to every transaction function only with coded errors, changing nothing', async () => {
  // Cross-chaincode reads answer too, so that the checks behind them are reached.
  const { ledger } = governanceLedger({ credentials: [credential('C-1', 'CIT-1'), credential('P-1', 'CIT-2')], deliveries: ['S-1'] });
  const report = await fuzzTransactions({ contracts, title: 'governance', ledger });
  console.log(`governance chaincode fuzz: ${report.calls} calls, ${report.succeeded} succeeded`);
  expect(report.failures).toEqual([]);
});
