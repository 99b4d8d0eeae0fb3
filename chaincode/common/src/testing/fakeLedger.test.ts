import './quiet';
import { Context, Contract, Info, Transaction, Returns } from 'fabric-contract-api';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { emitEvent } from '../events';
import { invalidArgument } from '@city-ledger/domain';
import { FakeLedger } from './fakeLedger';
import type { FakeContext } from './fakeLedger';
import { FakeIterator } from './iterators';
import { decodeEndorsementPolicy, endorsingOrgs } from './endorsementPolicy';

const clerk = { msp: 'RegistryMSP', role: 'clerk' };

@Info({ title: 'Counter', description: 'test contract' })
class Counter extends Contract {
  constructor() {
    super('counter');
  }

  @Transaction()
  async set(ctx: Context, key: string, value: string): Promise<void> {
    if (value === 'bad') {
      await ctx.stub.putState(key, Buffer.from('partial'));
      throw invalidArgument('value is bad');
    }
    await ctx.stub.putState(key, Buffer.from(value));
    emitEvent(ctx, 'counter.set', { key });
  }

  @Transaction(false)
  @Returns('string')
  async get(ctx: Context, key: string): Promise<string> {
    return Buffer.from(await ctx.stub.getState(key)).toString();
  }

  @Transaction(false)
  async info(ctx: Context): Promise<object> {
    return { tx: ctx.stub.getTxID(), mine: ctx.stub.getMspID(), ts: ctx.stub.getDateTimestamp().toISOString() };
  }

  notATransaction(): string {
    return 'hidden';
  }
}

class Plain extends Contract {
  async hello(ctx: Context, name: string): Promise<string> {
    return `hello ${name} from ${ctx.clientIdentity.getMSPID()}`;
  }

  async _private(): Promise<string> {
    return 'no';
  }
}

describe('FakeLedger.invoke', () => {
  it('commits on success and returns result, payload, event and time', async () => {
    const ledger = new FakeLedger({ start: '2025-02-01T10:00:00Z' });
    const contract = new Counter();
    const set = await ledger.invoke(contract, 'set', clerk, ['k', '5']);
    expect(set).toMatchObject({ result: undefined, payload: '', timestamp: '2025-02-01T10:00:00.000Z' });
    expect(set.txId).toMatch(/^[0-9a-f]{64}$/);
    expect(set.event).toEqual({ txId: set.txId, name: 'counter.set', payload: { key: 'k' } });
    expect(ledger.events).toEqual([set.event]);

    const got = await ledger.evaluate(contract, 'get', clerk, ['k']);
    expect(got.result).toBe(5); // the wire payload "5" parsed as JSON
    expect(got.payload).toBe('5');
    expect(got.timestamp).toBe('2025-02-01T10:00:01.000Z');
  });

  it('discards writes and the event when the transaction throws', async () => {
    const ledger = new FakeLedger();
    const contract = new Counter();
    await ledger.invoke(contract, 'set', clerk, ['k', '1']);
    const before = ledger.snapshot();
    await expect(ledger.invoke(contract, 'set', clerk, ['k', 'bad'])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'INVALID_ARGUMENT: value is bad',
    });
    expect(ledger.snapshot()).toBe(before);
    expect(ledger.events).toHaveLength(1);
  });

  it('checks the argument count like the contract runtime', async () => {
    await expect(new FakeLedger().invoke(new Counter(), 'set', clerk, ['k'])).rejects.toThrow(
      'Expected 2 parameters, but 1 have been supplied',
    );
  });

  it('exposes only @Transaction functions when the contract declares any', async () => {
    await expect(new FakeLedger().invoke(new Counter(), 'notATransaction', clerk)).rejects.toThrow(
      /notATransaction/,
    );
  });

  it('exposes prototype methods of undecorated contracts, except _private ones', async () => {
    const ledger = new FakeLedger();
    expect((await ledger.invoke(new Plain(), 'hello', clerk, ['Ada'])).result).toBe('hello Ada from RegistryMSP');
    await expect(ledger.invoke(new Plain(), '_private', clerk)).rejects.toThrow(/_private/);
  });

  it('serializes objects as JSON', async () => {
    const ledger = new FakeLedger({ peerMsp: 'HealthMSP', start: '2030-12-31T23:59:59.999Z' });
    const { result } = await ledger.evaluate<{ mine: string; ts: string }>(new Counter(), 'info', clerk);
    expect(result.mine).toBe('HealthMSP');
    expect(result.ts).toBe('2030-12-31T23:59:59.999Z');
  });
});

describe('FakeLedger clock and transactions', () => {
  it('advances per transaction and can be set', () => {
    const ledger = new FakeLedger({ stepMillis: 10 });
    expect(ledger.nextTimestamp).toBe('2025-01-01T00:00:00.000Z');
    ledger.context(clerk);
    expect(ledger.nextTimestamp).toBe('2025-01-01T00:00:00.010Z');
    ledger.advanceTime(86_400_000);
    expect(ledger.nextTimestamp).toBe('2025-01-02T00:00:00.010Z');
    ledger.setTime('2026-01-01T00:00:00Z');
    const ctx = ledger.context(clerk);
    expect(ctx.stub.getTxTimestamp().seconds.toNumber()).toBe(1_767_225_600);
    expect(() => ledger.setTime('tomorrow')).toThrow(/RFC 3339/);
  });

  it('commits a context once, and only FakeLedger contexts', async () => {
    const ledger = new FakeLedger();
    const ctx = ledger.context(clerk);
    await ctx.stub.putState('a', Buffer.from('1'));
    ledger.commit(ctx);
    expect(() => ledger.commit(ctx)).toThrow(/already committed/);
    expect(() => ledger.commit(new Context())).toThrow(/not a FakeLedger context/);
    expect(ledger.getJson('a')).toBe(1);
    expect(ledger.getJson('b')).toBeUndefined();
  });

  it('transact with commit: false leaves state untouched', async () => {
    const ledger = new FakeLedger();
    await ledger.transact(clerk, (ctx) => ctx.stub.putState('a', Buffer.from('1')), { commit: false });
    expect(ledger.keys()).toEqual([]);
  });
});

describe('FakeStub semantics', () => {
  let ledger: FakeLedger;
  const put = (key: string, value: string) =>
    ledger.transact(clerk, (ctx) => ctx.stub.putState(key, Buffer.from(value)));

  beforeEach(() => {
    ledger = new FakeLedger();
  });

  it('hides uncommitted writes from reads; last write wins; empty value deletes', async () => {
    await put('k', 'old');
    await ledger.transact(clerk, async (ctx) => {
      await ctx.stub.putState('k', Buffer.from('new'));
      expect(Buffer.from(await ctx.stub.getState('k')).toString()).toBe('old');
      await ctx.stub.putState('k', Buffer.from('newer'));
    });
    expect(Buffer.from(ledger.world.get('k') as Uint8Array).toString()).toBe('newer');
    await put('k', '');
    expect(ledger.world.has('k')).toBe(false);
    expect(await ledger.transact(clerk, (ctx) => ctx.stub.getState('k'))).toHaveLength(0);
  });

  it('refuses empty keys', async () => {
    await expect(put('', 'x')).rejects.toThrow(/empty/);
  });

  it('makes composite keys in the shim format and splits them back', () => {
    const { stub } = ledger.context(clerk);
    const key = stub.createCompositeKey('t', ['a', 'b']);
    expect(key).toBe('\u0000t\u0000a\u0000b\u0000');
    expect(stub.splitCompositeKey(key)).toEqual({ objectType: 't', attributes: ['a', 'b'] });
    expect(stub.splitCompositeKey(stub.createCompositeKey('t', []))).toEqual({ objectType: 't', attributes: [] });
    expect(stub.splitCompositeKey('plain').attributes).toEqual([]);
    expect(() => stub.createCompositeKey('t', [''])).toThrow(/non-zero length/);
    expect(() => stub.createCompositeKey('t', ['a\u0000b'])).toThrow(/U\+0000/);
  });

  it('range-scans simple keys in UTF-8 byte order, skipping composite keys', async () => {
    for (const key of ['b', 'a', '\uffff', '\u{1f600}', 'c']) {
      await put(key, key);
    }
    await ledger.transact(clerk, (ctx) => ctx.stub.putState(ctx.stub.createCompositeKey('t', ['x']), Buffer.from('1')));
    const keys = await ledger.transact(clerk, async (ctx) => {
      const seen: string[] = [];
      for await (const kv of ctx.stub.getStateByRange('', '')) {
        seen.push(kv.key);
      }
      return seen;
    });
    expect(keys).toEqual(['a', 'b', 'c', '\uffff', '\u{1f600}']);
    const bounded = await ledger.transact(clerk, async (ctx) => {
      const it = await ctx.stub.getStateByRange('b', 'c');
      const first = await it.next();
      const done = await it.next();
      await it.close();
      return [first.value.key, done.done];
    });
    expect(bounded).toEqual(['b', true]);
    await expect(ledger.transact(clerk, (ctx) => ctx.stub.getStateByRange('\u0000t', ''))).rejects.toThrow(
      /null character/,
    );
  });

  it('closes the iterator when a for-await loop breaks', async () => {
    await put('a', '1');
    await put('b', '2');
    await ledger.transact(clerk, async (ctx) => {
      const query = ctx.stub.getStateByRange('', '');
      for await (const kv of query) {
        expect(kv.key).toBe('a');
        break;
      }
      expect(((await query) as unknown as FakeIterator<unknown>).closed).toBe(true);
      await expect((await query).next()).rejects.toThrow(/closed/);
    });
  });

  it('paginates ranges and partial composite keys with Fabric bookmarks', async () => {
    await ledger.transact(clerk, async (ctx) => {
      for (const id of ['1', '2', '3']) {
        await ctx.stub.putState(ctx.stub.createCompositeKey('t', ['x', id]), Buffer.from(id));
        await ctx.stub.putState(`s${id}`, Buffer.from(id));
      }
    });
    const result = await ledger.transact(clerk, async (ctx) => {
      const first = await ctx.stub.getStateByPartialCompositeKeyWithPagination('t', ['x'], 2, '');
      const second = await ctx.stub.getStateByPartialCompositeKeyWithPagination('t', ['x'], 2, first.metadata.bookmark);
      const range = await ctx.stub.getStateByRangeWithPagination('', '', 5);
      const keys: string[] = [];
      for await (const kv of ctx.stub.getStateByRangeWithPagination('s2', '', 5)) {
        keys.push(kv.key);
      }
      return { first: first.metadata, second: second.metadata, range: range.metadata, keys };
    });
    expect(result.first).toEqual({ fetchedRecordsCount: 2, bookmark: '\u0000t\u0000x\u00003\u0000' });
    expect(result.second).toEqual({ fetchedRecordsCount: 1, bookmark: '' });
    expect(result.range).toEqual({ fetchedRecordsCount: 3, bookmark: '' });
    expect(result.keys).toEqual(['s2', 's3']);
    await expect(
      ledger.transact(clerk, (ctx) => ctx.stub.getStateByPartialCompositeKeyWithPagination('t', [], 0)),
    ).rejects.toThrow(/pageSize/);
  });

  it('forbids writes after paginated queries and paginated queries after writes', async () => {
    await expect(
      ledger.transact(clerk, async (ctx) => {
        await ctx.stub.getStateByPartialCompositeKeyWithPagination('t', [], 1);
        await ctx.stub.putState('a', Buffer.from('1'));
      }),
    ).rejects.toThrow(/writes are not allowed/);
    await expect(
      ledger.transact(clerk, async (ctx) => {
        await ctx.stub.deleteState('a');
        await ctx.stub.getStateByRangeWithPagination('', '', 1);
      }),
    ).rejects.toThrow(/read-only transaction/);
  });

  it('reports identity, channel, args and transient data', () => {
    const ctx: FakeContext = ledger.context(
      { msp: 'HealthMSP', role: 'officer', name: 'bob', attributes: { dept: 'x' } },
      { fcn: 'doIt', args: ['1', '2'], transient: { raw: new Uint8Array([1, 2]) } },
    );
    expect(ctx.stub.getChannelID()).toBe('city');
    expect(ctx.stub.getFunctionAndParameters()).toEqual({ fcn: 'doIt', params: ['1', '2'] });
    expect(ctx.stub.getArgs()).toEqual(['doIt', '1', '2']);
    expect(ctx.stub.getStringArgs()).toEqual(['doIt', '1', '2']);
    expect(ctx.stub.getCreator().mspid).toBe('HealthMSP');
    expect([...(ctx.stub.getTransient().get('raw') ?? [])]).toEqual([1, 2]);
    expect(ctx.clientIdentity.getAttributeValue('city.role')).toBe('officer');
    expect(ctx.clientIdentity.getAttributeValue('dept')).toBe('x');
    expect(ctx.clientIdentity.getAttributeValue('hf.EnrollmentID')).toBe('bob');
    expect(ctx.clientIdentity.getAttributeValue('nope')).toBeNull();
    expect(ctx.clientIdentity.assertAttributeValue('city.role', 'officer')).toBe(true);
    expect(ctx.clientIdentity.assertAttributeValue('city.role', 'clerk')).toBe(false);
    expect(Buffer.from(ctx.clientIdentity.getIDBytes()).toString()).toBe(ctx.clientIdentity.getID());
    expect(ctx.logging.getLogger('x').info('ignored')).toBeUndefined();
    ctx.logging.setLevel('debug');
  });

  it('refuses what LevelDB and unit tests cannot do', async () => {
    const { stub } = ledger.context(clerk);
    expect(() => stub.getQueryResult()).toThrow(/not supported/);
    expect(() => stub.getQueryResultWithPagination()).toThrow(/not supported/);
    expect(() => stub.getPrivateDataQueryResult()).toThrow(/not supported/);
    expect(() => stub.getSignedProposal()).toThrow(/not supported/);
    expect(() => stub.getBinding()).toThrow(/not supported/);
    await expect(stub.setPrivateDataValidationParameter()).rejects.toThrow(/not supported/);
    await expect(stub.getPrivateDataValidationParameter()).rejects.toThrow(/not supported/);
    expect(() => stub.setEvent('', new Uint8Array())).toThrow(/non-empty/);
  });
});

describe('key-level endorsement policies', () => {
  const policyOf = (...msps: string[]): Uint8Array => {
    const policy = new KeyEndorsementPolicy();
    policy.addOrgs('PEER', ...msps);
    return policy.getPolicy();
  };

  @Info({ title: 'Guarded', description: 'test contract' })
  class Guarded extends Contract {
    constructor() {
      super('guarded');
    }

    @Transaction()
    async put(ctx: Context, key: string, msp: string, fail: string): Promise<void> {
      await ctx.stub.putState(key, Buffer.from('v'));
      await ctx.stub.setStateValidationParameter(key, policyOf(msp));
      if (fail === 'yes') {
        throw invalidArgument('failing on purpose');
      }
    }
  }

  it('buffers the policy with the writes, commits it on success, keeps it readable', async () => {
    const ledger = new FakeLedger();
    await ledger.transact(clerk, async (ctx) => {
      await ctx.stub.putState('k', Buffer.from('v'));
      await ctx.stub.setStateValidationParameter('k', policyOf('RegistryMSP', 'HealthMSP'));
      // Reads see committed state only, metadata included.
      expect(await ctx.stub.getStateValidationParameter('k')).toBeUndefined();
      expect(ledger.keyEndorsers('k')).toBeUndefined();
    });
    expect(ledger.keyEndorsers('k')).toEqual(['HealthMSP', 'RegistryMSP']);
    const read = await ledger.transact(clerk, (ctx) => ctx.stub.getStateValidationParameter('k'));
    expect(new KeyEndorsementPolicy(read).listOrgs()).toEqual(['RegistryMSP', 'HealthMSP']);
    // A value-only write keeps the policy, and metadata writes are no key history.
    await ledger.transact(clerk, (ctx) => ctx.stub.putState('k', Buffer.from('w')));
    expect(ledger.keyEndorsers('k')).toEqual(['HealthMSP', 'RegistryMSP']);
    await ledger.transact(clerk, (ctx) => ctx.stub.setStateValidationParameter('k', policyOf('HealthMSP')));
    expect(ledger.keyEndorsers('k')).toEqual(['HealthMSP']);
    expect(ledger.history('k').map((change) => Buffer.from(change.value).toString())).toEqual(['v', 'w']);
    expect(ledger.keyEndorsers('other')).toBeUndefined();
    expect(ledger.validationParameter('other')).toBeUndefined();
  });

  it('discards the policy when the transaction fails, and shows it in snapshots', async () => {
    const ledger = new FakeLedger();
    const empty = ledger.snapshot();
    await expect(ledger.invoke(new Guarded(), 'put', clerk, ['k', 'RegistryMSP', 'yes'])).rejects.toThrow(/failing/);
    expect(ledger.snapshot()).toBe(empty);
    await ledger.invoke(new Guarded(), 'put', clerk, ['k', 'RegistryMSP', 'no']);
    const withRegistry = ledger.snapshot();
    expect(withRegistry).toContain('"validation"');
    await expect(ledger.invoke(new Guarded(), 'put', clerk, ['k', 'HealthMSP', 'yes'])).rejects.toThrow(/failing/);
    expect(ledger.keyEndorsers('k')).toEqual(['RegistryMSP']);
    await ledger.invoke(new Guarded(), 'put', clerk, ['k', 'HealthMSP', 'no']);
    expect(ledger.snapshot()).not.toBe(withRegistry); // same value, other policy
  });

  it('drops the policy of deleted or absent keys and removes it when set empty', async () => {
    const ledger = new FakeLedger();
    await ledger.transact(clerk, async (ctx) => {
      await ctx.stub.putState('a', Buffer.from('v'));
      await ctx.stub.putState('b', Buffer.from('v'));
      await ctx.stub.setStateValidationParameter('a', policyOf('RegistryMSP'));
      await ctx.stub.setStateValidationParameter('b', policyOf('RegistryMSP'));
      await ctx.stub.setStateValidationParameter('ghost', policyOf('RegistryMSP'));
    });
    expect(ledger.keyEndorsers('ghost')).toBeUndefined();
    await ledger.transact(clerk, async (ctx) => {
      await ctx.stub.deleteState('a');
      await ctx.stub.setStateValidationParameter('b', new Uint8Array());
    });
    expect(ledger.keyEndorsers('a')).toBeUndefined();
    expect(ledger.keyEndorsers('b')).toBeUndefined();
    // Re-created, a deleted key starts without a policy.
    await ledger.transact(clerk, (ctx) => ctx.stub.putState('a', Buffer.from('v')));
    expect(ledger.keyEndorsers('a')).toBeUndefined();
    // A delete and a new policy in one transaction: the key and its policy are gone.
    await ledger.transact(clerk, async (ctx) => {
      await ctx.stub.setStateValidationParameter('a', policyOf('HealthMSP'));
      await ctx.stub.deleteState('a');
    });
    expect(ledger.validationParameter('a')).toBeUndefined();
  });

  it('treats a policy as a write: refused on empty keys and after paginated queries', async () => {
    const ledger = new FakeLedger();
    await expect(ledger.transact(clerk, (ctx) => ctx.stub.setStateValidationParameter('', policyOf('RegistryMSP')))).rejects.toThrow(
      /empty string/,
    );
    await expect(
      ledger.transact(clerk, async (ctx) => {
        await ctx.stub.getStateByRangeWithPagination('', '', 1);
        await ctx.stub.setStateValidationParameter('k', policyOf('RegistryMSP'));
      }),
    ).rejects.toThrow(/writes are not allowed/);
  });

  it('decodes policies and refuses to call anything but an AND of peers "endorsers"', async () => {
    const ledger = new FakeLedger();
    const member = new KeyEndorsementPolicy();
    member.addOrgs('MEMBER', 'RegistryMSP');
    await ledger.transact(clerk, async (ctx) => {
      await ctx.stub.putState('m', Buffer.from('v'));
      await ctx.stub.setStateValidationParameter('m', member.getPolicy());
      await ctx.stub.putState('n', Buffer.from('v'));
      await ctx.stub.setStateValidationParameter('n', new KeyEndorsementPolicy().getPolicy());
    });
    expect(decodeEndorsementPolicy(ledger.validationParameter('m') as Uint8Array)).toEqual({
      required: 1,
      signers: [{ msp: 'RegistryMSP', role: 'MEMBER' }],
    });
    expect(() => ledger.keyEndorsers('m')).toThrow(/not an AND of peers/);
    // "0 out of 0": anyone may change the key (why requireKeyEndorsers refuses an empty list).
    expect(decodeEndorsementPolicy(ledger.validationParameter('n') as Uint8Array)).toEqual({ required: 0, signers: [] });
    expect(endorsingOrgs(policyOf('HealthMSP'))).toEqual(['HealthMSP']);
    expect(() => endorsingOrgs(new Uint8Array([1]))).toThrow();
    // Envelope with no rule at all (field 1 = version 0 only).
    expect(() => decodeEndorsementPolicy(new Uint8Array([0x08, 0x00]))).toThrow(/not an n-out-of policy/);
    // 1-out-of-1 rule that points at a missing identity.
    expect(() => decodeEndorsementPolicy(Buffer.from('12081206080112020800', 'hex'))).toThrow(/signed by an MSP role/);
  });
});

describe('private data collections', () => {
  it('enforces declared membership and keeps undeclared collections open', async () => {
    const ledger = new FakeLedger();
    ledger.defineCollection('members', { members: ['RegistryMSP'] });
    ledger.defineCollection('openRead', { members: ['RegistryMSP'], memberOnlyRead: false, memberOnlyWrite: false });
    const health = { msp: 'HealthMSP' };
    await expect(
      ledger.transact(health, (ctx) => ctx.stub.putPrivateData('members', 'k', Buffer.from('1'))),
    ).rejects.toThrow(/write access/);
    await ledger.transact(health, async (ctx) => {
      await ctx.stub.putPrivateData('openRead', 'k', Buffer.from('1'));
      await ctx.stub.putPrivateData('anything', 'k', Buffer.from('2'));
    });
    expect(ledger.getPrivateJson('openRead', 'k')).toBe(1);
    expect(ledger.getPrivateJson('anything', 'k')).toBe(2);
    expect(ledger.getPrivateJson('none', 'k')).toBeUndefined();
    await ledger.transact(clerk, async (ctx) => {
      await ctx.stub.deletePrivateData('anything', 'k');
      await ctx.stub.purgePrivateData('openRead', 'k');
      await ctx.stub.putPrivateData('openRead', 'gone', new Uint8Array());
    });
    expect(ledger.getPrivateJson('anything', 'k')).toBeUndefined();
    expect(ledger.getPrivateJson('openRead', 'k')).toBeUndefined();
  });

  it('range-queries private data read-only', async () => {
    const ledger = new FakeLedger();
    await ledger.transact(clerk, async (ctx) => {
      await ctx.stub.putPrivateData('c', 'a', Buffer.from('1'));
      await ctx.stub.putPrivateData('c', ctx.stub.createCompositeKey('t', ['1']), Buffer.from('2'));
    });
    const keys = await ledger.transact(clerk, async (ctx) => {
      const seen: string[] = [];
      for await (const kv of ctx.stub.getPrivateDataByRange('c', '', '')) seen.push(kv.key);
      for await (const kv of ctx.stub.getPrivateDataByPartialCompositeKey('c', 't', [])) seen.push(kv.key);
      return seen;
    });
    expect(keys).toEqual(['a', '\u0000t\u00001\u0000']);
    await expect(
      ledger.transact(clerk, async (ctx) => {
        await ctx.stub.putState('x', Buffer.from('1'));
        await ctx.stub.getPrivateDataByRange('c', '', '');
      }),
    ).rejects.toThrow(/read-only/);
  });
});

describe('invokeChaincode', () => {
  it('routes to registered handlers and turns errors into status 500', async () => {
    const ledger = new FakeLedger();
    ledger.registerChaincode('records', (args, caller) => {
      if (args[0] === 'boom') throw invalidArgument('boom');
      if (args[0] === 'text') return 'plain';
      if (args[0] === 'weird') throw 'not an error';
      return { args, msp: caller.msp };
    });
    await ledger.transact(clerk, async (ctx) => {
      const ok = await ctx.stub.invokeChaincode('records', ['getPermit', 'X-1'], 'city');
      expect(ok.status).toBe(200);
      expect(JSON.parse(Buffer.from(ok.payload ?? []).toString())).toEqual({ args: ['getPermit', 'X-1'], msp: 'RegistryMSP' });
      expect(Buffer.from((await ctx.stub.invokeChaincode('records', ['text'], '')).payload ?? []).toString()).toBe('plain');
      expect(await ctx.stub.invokeChaincode('records', ['boom'], '')).toEqual({ status: 500, message: 'INVALID_ARGUMENT: boom' });
      expect(await ctx.stub.invokeChaincode('records', ['weird'], '')).toEqual({ status: 500, message: 'not an error' });
      await expect(ctx.stub.invokeChaincode('nope', [], '')).rejects.toThrow(/not registered/);
      await expect(ctx.stub.invokeChaincode('records', [], 'other')).rejects.toThrow(/channel/);
    });
  });
});
