import { Msp } from '@city-ledger/chaincode-common/testing';
// Fixtures first: they load the FakeLedger, which quiets fabric-contract-api logging.
import { credentialDoc, credentials, issue, newLedger, registerCitizen, statusLists, who } from './testing/fixtures';
import type { FakeLedger } from '@city-ledger/chaincode-common/testing';
import { decodeBase64Url, getBit } from './bitstring';
import type { Credential } from './credential';
import { allocateStatusIndex, writeStatusBits, type StatusList } from './statusList';

const list = async (ledger: FakeLedger, msp: string, purpose: string): Promise<StatusList> =>
  (await ledger.evaluate<StatusList>(statusLists, 'getStatusList', who.auditor, [msp, purpose])).result;

describe('getStatusList', () => {
  it('is empty before anything is issued', async () => {
    expect(await list(newLedger(), Msp.Health, 'revocation')).toEqual({
      issuer: Msp.Health,
      purpose: 'revocation',
      encoding: 'base64url',
      length: 0,
      allocated: 0,
      encodedList: '',
      updatedAt: '',
    });
  });

  it('keeps the bits equal to the credential statuses, per issuer and purpose', async () => {
    const ledger = newLedger();
    await registerCitizen(ledger, 'CIT-1');
    const ids = Array.from({ length: 10 }, (_, i) => `R-${i}`);
    for (const id of ids) {
      await issue(ledger, credentialDoc('residency', id));
    }
    await issue(ledger, credentialDoc('healthCredential', 'H-0'));
    const actions: [string, string][] = [
      ['suspendCredential', 'R-1'],
      ['revokeCredential', 'R-3'],
      ['suspendCredential', 'R-9'],
      ['revokeCredential', 'R-9'], // suspended -> revoked: suspension bit cleared
      ['suspendCredential', 'R-5'],
      ['reinstateCredential', 'R-5'],
      ['suspendCredential', 'R-8'],
    ];
    for (const [fn, id] of actions) {
      await ledger.invoke(credentials, fn, who.registryRegistrar, [id]);
    }
    const revocation = await list(ledger, Msp.Registry, 'revocation');
    const suspension = await list(ledger, Msp.Registry, 'suspension');
    expect(revocation).toMatchObject({ allocated: 10, length: 16, updatedAt: expect.any(String) });
    expect(suspension).toMatchObject({ allocated: 10, length: 16 });
    const revoked = decodeBase64Url(revocation.encodedList);
    const suspended = decodeBase64Url(suspension.encodedList);
    for (const id of ids) {
      const credential = (await ledger.evaluate<Credential>(credentials, 'getCredential', who.auditor, [id])).result;
      const index = credential.statusListIndex;
      expect([id, getBit(revoked, index)]).toEqual([id, credential.status === 'REVOKED']);
      expect([id, getBit(suspended, index)]).toEqual([id, credential.status === 'SUSPENDED']);
    }
    expect([...revoked]).toEqual([0b00010000, 0b01000000]);
    expect([...suspended]).toEqual([0b01000000, 0b10000000]);
    // Health's lists are separate and untouched.
    expect(await list(ledger, Msp.Health, 'revocation')).toMatchObject({ allocated: 1, length: 8, encodedList: 'AA', updatedAt: '' });
  });

  it.each([
    [[Msp.Auditor, 'revocation'], 'issuerMsp'],
    [['NopeMSP', 'revocation'], 'issuerMsp'],
    [[Msp.Registry, 'refresh'], 'purpose'],
    [[Msp.Registry, ''], 'purpose'],
  ])('rejects %p', async (args, field) => {
    await expect(newLedger().evaluate(statusLists, 'getStatusList', who.auditor, args)).rejects.toThrow(
      new RegExp(`^INVALID_ARGUMENT: ${field}`),
    );
  });
});

describe('status list helpers', () => {
  it('write only the lists whose bit changes', async () => {
    const ledger = newLedger();
    await ledger.transact(who.registryRegistrar, async (ctx) => {
      expect(await allocateStatusIndex(ctx, Msp.Registry)).toBe(0);
      await writeStatusBits(ctx, Msp.Registry, 3, { revocation: false, suspension: true });
      expect(ctx.stub.writes.size).toBe(2); // counter + suspension list
    });
    await ledger.transact(who.registryRegistrar, async (ctx) => {
      await writeStatusBits(ctx, Msp.Registry, 3, { revocation: false, suspension: true });
      expect(ctx.stub.writes.size).toBe(0);
    });
  });
});
