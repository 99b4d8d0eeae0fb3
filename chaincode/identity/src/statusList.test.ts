import { Msp } from '@city-ledger/chaincode-common/testing';
// Status-list index allocation: drawn from the transaction and credential IDs, claimed per slot.
// Fixtures first: they load the FakeLedger, which quiets fabric-contract-api logging.
import { credentialDoc, credentials, issue, newLedger, registerCitizen, who } from './testing/fixtures';
import type { FakeContext, FakeLedger } from '@city-ledger/chaincode-common/testing';
import { STATUS_LIST_CAPACITY } from '@city-ledger/domain';
import type { Credential } from './credential';
import { CREDENTIAL_TRANSIENT_FIELD } from './credentialsContract';
import { claimStatusIndex, drawOffset, MAX_PROBES } from './statusList';

const issuer = who.registryRegistrar;

function key(ledger: FakeLedger, objectType: string, ...attrs: (string | number)[]): string {
  return ledger.context(who.auditor).stub.createCompositeKey(objectType, attrs.map(String));
}

/** Commits claim keys for `indexes` of Registry, as earlier issuances would have. */
async function claim(ledger: FakeLedger, indexes: readonly number[]): Promise<void> {
  await ledger.transact(issuer, async (ctx) => {
    for (const index of indexes) {
      await ctx.stub.putState(key(ledger, 'statusIndex', Msp.Registry, index), Buffer.from('{"credentialId":"OLD"}'));
    }
  });
}

/** Commits the retired counter of Registry, as a ledger from before this version holds it. */
async function legacyCounter(ledger: FakeLedger, nextIndex: number): Promise<void> {
  await ledger.transact(issuer, async (ctx) => {
    await ctx.stub.putState(key(ledger, 'statusListCounter', Msp.Registry), Buffer.from(JSON.stringify({ issuer: Msp.Registry, nextIndex })));
  });
}

/** `count` slots of a range of `span` slots from `first`, starting at offset `start`, wrapping. */
const slots = (first: number, span: number, start: number, count: number) => Array.from({ length: count }, (_, i) => first + ((start + i) % span));

describe('claimStatusIndex', () => {
  it('claims the slot drawn from the transaction and credential IDs, for the issuer only', async () => {
    const ledger = newLedger();
    const ctx = ledger.context(issuer);
    const index = await claimStatusIndex(ctx, Msp.Registry, 'CRED-1');
    expect(index).toBe(drawOffset(ctx.stub.getTxID(), 'CRED-1', STATUS_LIST_CAPACITY));
    ledger.commit(ctx);
    const claimKey = key(ledger, 'statusIndex', Msp.Registry, index);
    expect(ledger.getJson(claimKey)).toEqual({ credentialId: 'CRED-1' });
    expect(ledger.keyEndorsers(claimKey)).toEqual([Msp.Registry]);
  });

  it('draws in the whole list, differently per transaction and per credential', () => {
    const draws = new Set(Array.from({ length: 200 }, (_, i) => drawOffset(`tx-${i % 20}`, `CRED-${Math.floor(i / 20)}`, STATUS_LIST_CAPACITY)));
    expect(draws.size).toBeGreaterThan(190);
    expect(Math.max(...draws)).toBeLessThan(STATUS_LIST_CAPACITY);
    expect(Math.max(...draws)).toBeGreaterThan(STATUS_LIST_CAPACITY / 2);
    expect(drawOffset('tx-1', 'CRED-1', 1000)).toBe(drawOffset('tx-1', 'CRED-1', 1000));
  });

  it('probes the next slots when the drawn ones are taken', async () => {
    const ledger = newLedger();
    const ctx = ledger.context(issuer);
    const start = drawOffset(ctx.stub.getTxID(), 'CRED-1', STATUS_LIST_CAPACITY);
    await claim(ledger, slots(0, STATUS_LIST_CAPACITY, start, 3));
    expect(await claimStatusIndex(ctx, Msp.Registry, 'CRED-1')).toBe((start + 3) % STATUS_LIST_CAPACITY);
  });

  it('wraps around the end of the list', async () => {
    const ledger = newLedger();
    const first = STATUS_LIST_CAPACITY - 3;
    await legacyCounter(ledger, first);
    const ctx = ledger.context(issuer);
    const start = drawOffset(ctx.stub.getTxID(), 'CRED-1', 3);
    await claim(ledger, slots(first, 3, start, 2));
    expect(await claimStatusIndex(ctx, Msp.Registry, 'CRED-1')).toBe(slots(first, 3, start, 3)[2]);
  });

  it('never hands out an index of the retired counter, and never writes the counter', async () => {
    const ledger = newLedger();
    await legacyCounter(ledger, 5000);
    const counter = key(ledger, 'statusListCounter', Msp.Registry);
    for (let i = 0; i < 30; i += 1) {
      const ctx = ledger.context(issuer);
      const index = await claimStatusIndex(ctx, Msp.Registry, `CRED-${i}`);
      expect(index).toBeGreaterThanOrEqual(5000);
      expect(index).toBe(5000 + drawOffset(ctx.stub.getTxID(), `CRED-${i}`, STATUS_LIST_CAPACITY - 5000));
      expect(ctx.stub.writes.has(counter)).toBe(false);
    }
  });

  it(`gives up with FAILED_PRECONDITION after ${MAX_PROBES} taken slots, writing nothing`, async () => {
    const ledger = newLedger();
    await legacyCounter(ledger, STATUS_LIST_CAPACITY - 200);
    const ctx = ledger.context(issuer);
    const start = drawOffset(ctx.stub.getTxID(), 'CRED-1', 200);
    await claim(ledger, slots(STATUS_LIST_CAPACITY - 200, 200, start, MAX_PROBES));
    await expect(claimStatusIndex(ctx, Msp.Registry, 'CRED-1')).rejects.toThrow(/^FAILED_PRECONDITION: the status lists of RegistryMSP have no free index/);
    expect(ctx.stub.writes.size).toBe(0);
  });

  it('refuses an issuance when the retired counter filled the list, and the ledger is unchanged', async () => {
    const ledger = newLedger();
    await registerCitizen(ledger, 'CIT-1');
    await legacyCounter(ledger, STATUS_LIST_CAPACITY);
    const before = ledger.snapshot();
    await expect(issue(ledger, credentialDoc('residency', 'CRED-1'))).rejects.toThrow(/^FAILED_PRECONDITION: /);
    expect(ledger.snapshot()).toBe(before);
  });
});

describe('issuances in one block', () => {
  it('share no key: each one\'s writes meet no other one\'s reads or writes, so all commit', async () => {
    const ledger = newLedger();
    await registerCitizen(ledger, 'CIT-1');
    await issue(ledger, credentialDoc('residency', 'CRED-BEFORE'));
    // Endorsed against the same committed state, as the transactions of one block are.
    const block = Array.from({ length: 50 }, (_, i) => {
      const id = `CRED-${i}`;
      const ctx: FakeContext = ledger.context(issuer, { contract: credentials, transient: { [CREDENTIAL_TRANSIENT_FIELD]: credentialDoc('residency', id) } });
      const reads = new Set<string>();
      const getState = ctx.stub.getState.bind(ctx.stub);
      ctx.stub.getState = async (k: string) => {
        reads.add(k);
        return getState(k);
      };
      return { id, ctx, reads };
    });
    for (const tx of block) {
      await credentials.issueCredential(tx.ctx as never, tx.id);
    }
    const writes = block.map((tx) => new Set([...tx.ctx.stub.writes.keys(), ...tx.ctx.stub.validationWrites.keys()]));
    block.forEach((tx, i) => {
      block.forEach((other, j) => {
        if (i !== j) {
          const touched = [...(writes[i] ?? [])].filter((k) => other.reads.has(k) || writes[j]?.has(k));
          expect([tx.id, other.id, touched]).toEqual([tx.id, other.id, []]);
        }
      });
    });
    block.forEach((tx) => ledger.commit(tx.ctx));
    const indexes = block.map((tx) => ledger.getJson<Credential>(key(ledger, 'credential', tx.id))?.statusListIndex);
    expect(new Set(indexes).size).toBe(block.length);
  });
});
