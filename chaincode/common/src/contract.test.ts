import type { Context } from 'fabric-contract-api';
import { CityContract } from './contract';
import { FakeLedger } from './testing';

class Sample extends CityContract {
  constructor() {
    super('sample');
  }

  async ping(ctx: Context): Promise<string> {
    await super.beforeTransaction(ctx);
    return 'pong';
  }
}

describe('CityContract', () => {
  it('answers unknown functions with INVALID_ARGUMENT', async () => {
    const ledger = new FakeLedger();
    await expect(ledger.invoke(new Sample(), 'nope', { msp: 'RegistryMSP' })).rejects.toThrow(
      'INVALID_ARGUMENT: unknown transaction function nope in contract sample',
    );
  });

  it('runs known functions through the default hooks', async () => {
    const { result } = await new FakeLedger().invoke(new Sample(), 'ping', { msp: 'RegistryMSP' });
    expect(result).toBe('pong');
  });
});
