import { FakeLedger } from './testing';
import { txTimeMillis, txTimestamp } from './time';

describe('txTimestamp', () => {
  it('formats the transaction timestamp with milliseconds', async () => {
    const ledger = new FakeLedger({ start: '2025-06-30T23:59:59.250Z' });
    const ctx = ledger.context({ msp: 'RegistryMSP' });
    expect(txTimestamp(ctx)).toBe('2025-06-30T23:59:59.250Z');
    expect(txTimeMillis(ctx)).toBe(Date.UTC(2025, 5, 30, 23, 59, 59, 250));
  });
});
