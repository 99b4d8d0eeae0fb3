import { Msp } from '@city-ledger/chaincode-common/testing';
// Fixtures first: they load the FakeLedger, which quiets fabric-contract-api logging.
import { credentialDoc, credentials, issue, newLedger, registerCitizen, statusLists, who } from './testing/fixtures';
import type { FakeLedger } from '@city-ledger/chaincode-common/testing';
import { STATUS_LIST_CAPACITY } from '@city-ledger/domain';
import { decodeBase64Url, getBit } from './bitstring';
import type { Credential } from './credential';
import { claimStatusIndex, writeStatusBits, type StatusList } from './statusList';

/** An empty list: every bit of the capacity zero. */
const EMPTY = Buffer.alloc(STATUS_LIST_CAPACITY / 8).toString('base64url');
/** Set bits of a list. */
const ones = (bytes: Uint8Array) => Array.from({ length: bytes.length * 8 }, (_, i) => i).filter((i) => getBit(bytes, i));

const list = async (ledger: FakeLedger, msp: string, purpose: string): Promise<StatusList> =>
  (await ledger.evaluate<StatusList>(statusLists, 'getStatusList', who.auditor, [msp, purpose])).result;

describe('getStatusList', () => {
  it('is all zero, at full capacity, before anything is issued', async () => {
    expect(await list(newLedger(), Msp.Health, 'revocation')).toEqual({
      issuer: Msp.Health,
      purpose: 'revocation',
      encoding: 'base64url',
      length: STATUS_LIST_CAPACITY,
      encodedList: EMPTY,
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
    expect(revocation).toMatchObject({ length: STATUS_LIST_CAPACITY, updatedAt: expect.any(String) });
    expect(suspension).toMatchObject({ length: STATUS_LIST_CAPACITY });
    const revoked = decodeBase64Url(revocation.encodedList);
    const suspended = decodeBase64Url(suspension.encodedList);
    for (const id of ids) {
      const credential = (await ledger.evaluate<Credential>(credentials, 'getCredential', who.auditor, [id])).result;
      const index = credential.statusListIndex;
      expect([id, getBit(revoked, index)]).toEqual([id, credential.status === 'REVOKED']);
      expect([id, getBit(suspended, index)]).toEqual([id, credential.status === 'SUSPENDED']);
    }
    // No other bit is set: revoked, R-1 and R-8 suspended.
    expect(ones(revoked)).toHaveLength(2);
    expect(ones(suspended)).toHaveLength(2);
    // Health's lists are separate and untouched.
    expect(await list(ledger, Msp.Health, 'revocation')).toMatchObject({ length: STATUS_LIST_CAPACITY, encodedList: EMPTY, updatedAt: '' });
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
      await claimStatusIndex(ctx, Msp.Registry, 'CRED-1');
      await writeStatusBits(ctx, Msp.Registry, 3, { revocation: false, suspension: true });
      expect(ctx.stub.writes.size).toBe(2); // index claim + suspension list
    });
    await ledger.transact(who.registryRegistrar, async (ctx) => {
      await writeStatusBits(ctx, Msp.Registry, 3, { revocation: false, suspension: true });
      expect(ctx.stub.writes.size).toBe(0);
    });
  });
});
