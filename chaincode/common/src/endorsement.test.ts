import { Msp } from './testing';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { KEY_ENDORSER_ROLE, requireKeyEndorsers } from './endorsement';
import { ChaincodeError } from '@city-ledger/domain';
import { decodeEndorsementPolicy, FakeLedger } from './testing';

const clerk = { msp: Msp.Registry, role: 'clerk' };

describe('requireKeyEndorsers', () => {
  it('sets an AND of the listed orgs\' peers on the key', async () => {
    const ledger = new FakeLedger();
    await ledger.transact(clerk, async (ctx) => {
      await ctx.stub.putState('K-1', Buffer.from('v'));
      await requireKeyEndorsers(ctx, 'K-1', [Msp.Registry, Msp.PublicWorks]);
    });
    expect(ledger.keyEndorsers('K-1')).toEqual([Msp.PublicWorks, Msp.Registry]);
    // What fabric-shim encodes: 2 out of 2 signed-by rules, one per org, role PEER.
    expect(decodeEndorsementPolicy(ledger.validationParameter('K-1') as Uint8Array)).toEqual({
      required: 2,
      signers: [
        { msp: Msp.PublicWorks, role: 'PEER' },
        { msp: Msp.Registry, role: 'PEER' },
      ],
    });
    expect(new KeyEndorsementPolicy(ledger.validationParameter('K-1')).listOrgs()).toEqual([Msp.PublicWorks, Msp.Registry]);
  });

  it('encodes the same set of orgs to the same bytes, whatever the order or duplicates', async () => {
    const ledger = new FakeLedger();
    await ledger.transact(clerk, async (ctx) => {
      await ctx.stub.putState('A', Buffer.from('v'));
      await ctx.stub.putState('B', Buffer.from('v'));
      await requireKeyEndorsers(ctx, 'A', [Msp.Health, Msp.Registry]);
      await requireKeyEndorsers(ctx, 'B', [Msp.Registry, Msp.Health, Msp.Registry]);
    });
    expect(ledger.validationParameter('A')).toEqual(ledger.validationParameter('B'));
    expect(ledger.keyEndorsers('B')).toEqual([Msp.Health, Msp.Registry]);
  });

  it('writes no validation parameter when the key already has the same policy', async () => {
    const ledger = new FakeLedger();
    await ledger.transact(clerk, async (ctx) => {
      await ctx.stub.putState('K-2', Buffer.from('v'));
      await requireKeyEndorsers(ctx, 'K-2', [Msp.Registry]);
    });
    let writes = 0;
    await ledger.transact(clerk, async (ctx) => {
      const set = ctx.stub.setStateValidationParameter.bind(ctx.stub);
      ctx.stub.setStateValidationParameter = async (key: string, ep: Uint8Array) => {
        writes++;
        return set(key, ep);
      };
      await ctx.stub.putState('K-2', Buffer.from('v2'));
      await requireKeyEndorsers(ctx, 'K-2', [Msp.Registry]);
      await requireKeyEndorsers(ctx, 'K-2', [Msp.Registry, Msp.Health]);
    });
    // Only the change to AND(Health, Registry) was written.
    expect(writes).toBe(1);
    expect(ledger.keyEndorsers('K-2')).toEqual([Msp.Health, Msp.Registry]);
  });

  it('replaces the policy of a key that already has one', async () => {
    const ledger = new FakeLedger();
    await ledger.transact(clerk, async (ctx) => {
      await ctx.stub.putState('K', Buffer.from('v'));
      await requireKeyEndorsers(ctx, 'K', [Msp.Registry, Msp.Health]);
    });
    await ledger.transact(clerk, (ctx) => requireKeyEndorsers(ctx, 'K', [Msp.Health]));
    expect(ledger.keyEndorsers('K')).toEqual([Msp.Health]);
  });

  it('refuses an empty list, a regulator and an unknown MSP (programming errors, nothing written)', async () => {
    const ledger = new FakeLedger();
    await ledger.transact(clerk, async (ctx) => {
      await expect(requireKeyEndorsers(ctx, 'K', [])).rejects.toThrow('requireKeyEndorsers: key "K" needs at least one endorsing org');
      await expect(requireKeyEndorsers(ctx, 'K', [Msp.Registry, Msp.Auditor])).rejects.toThrow(
        'requireKeyEndorsers: AuditorMSP is a regulator and never endorses writes',
      );
      await expect(requireKeyEndorsers(ctx, 'K', ['Org1MSP'])).rejects.toThrow('requireKeyEndorsers: "Org1MSP" is not a department MSP');
      await expect(requireKeyEndorsers(ctx, 'K', [''])).rejects.toThrow(/not a department MSP/);
      expect(ctx.stub.validationWrites.size).toBe(0);
      const error: unknown = await requireKeyEndorsers(ctx, 'K', []).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(ChaincodeError);
    });
  });

  it('uses the PEER role of KeyEndorsementPolicy', () => {
    expect(KEY_ENDORSER_ROLE).toBe('PEER');
    const policy = new KeyEndorsementPolicy();
    expect(() => policy.addOrgs(KEY_ENDORSER_ROLE, Msp.Registry)).not.toThrow();
  });
});
