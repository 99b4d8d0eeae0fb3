import { emitEvent } from './events';
import { FakeLedger } from './testing';

const clerk = { msp: 'RegistryMSP', role: 'clerk' };

describe('emitEvent', () => {
  it('sets one canonical-JSON event per transaction', async () => {
    const ledger = new FakeLedger();
    await ledger.transact(clerk, (ctx) => {
      emitEvent(ctx, 'parcel.registered', { parcelId: 'P-1', by: 'RegistryMSP' });
      expect(Buffer.from(ctx.stub.event?.payload ?? []).toString()).toBe('{"by":"RegistryMSP","parcelId":"P-1"}');
    });
    expect(ledger.events).toEqual([
      { txId: expect.any(String), name: 'parcel.registered', payload: { by: 'RegistryMSP', parcelId: 'P-1' } },
    ]);
  });

  it('refuses a second event in the same transaction, but not in the next one', async () => {
    const ledger = new FakeLedger();
    await ledger.transact(clerk, (ctx) => {
      emitEvent(ctx, 'a', {});
      expect(() => emitEvent(ctx, 'b', {})).toThrow(/already emitted/);
    });
    await ledger.transact(clerk, (ctx) => emitEvent(ctx, 'b', {}));
    expect(ledger.events.map((e) => e.name)).toEqual(['a', 'b']);
  });

  it('refuses an empty name', () => {
    const ctx = new FakeLedger().context(clerk);
    expect(() => emitEvent(ctx, '', {})).toThrow(/name/);
  });
});
