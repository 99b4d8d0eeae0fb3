/**
 * Property-based fuzzing of a chaincode on the {@link FakeLedger}: every transaction function
 * its contracts' metadata lists (as `org.hyperledger.fabric:GetMetadata` serves it) is called by
 * every kind of caller with random and mutated string arguments (JavaScript property names,
 * NUL, lone surrogates, malformed and deeply nested JSON, huge numbers). A call may succeed; a
 * failure must be a coded `CODE: message` (codes of @city-ledger/domain), never a TypeError or an
 * uncoded error, and must leave the ledger as it was. Seeded, with a fixed number of runs.
 * Test-only, like the rest of ./testing: fast-check is a devDependency.
 *
 * @example
 * ```ts
 * const report = await fuzzTransactions({ contracts, title: 'records' });
 * expect(report.failures).toEqual([]);
 * ```
 */
import type { Contract } from 'fabric-contract-api';
import { JSONSerializer } from 'fabric-contract-api';
import fc, { type Arbitrary } from 'fast-check';
import { ERROR_CODES } from '@city-ledger/domain';
import * as callers from './callers';
import type { FakeCaller } from './fakeIdentity';
import { FakeLedger } from './fakeLedger';
import { FOUNDING_CONSORTIUM, Msp } from './foundingConsortium';

// fabric-shim's contract runtime: the class `fabric-chaincode-node server` builds from `contracts`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ChaincodeFromContract = require('fabric-shim/lib/contract-spi/chaincodefromcontract') as new (
  classes: (typeof Contract)[],
  serializers: unknown,
  metadata: object,
  title: string,
  version: string,
) => { metadata: { contracts: Record<string, { name: string; transactions: { name: string; parameters?: unknown[] }[] }> } };

/** One transaction function, from the contracts' metadata. */
export interface TransactionFunction {
  readonly contract: string;
  readonly fn: string;
  readonly arity: number;
}

/** Every transaction function of `contracts` as the contract runtime describes them. */
export function transactionFunctions(contracts: readonly (typeof Contract)[], title: string): TransactionFunction[] {
  const chaincode = new ChaincodeFromContract([...contracts], { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } }, {}, title, '0.1.0');
  return Object.entries(chaincode.metadata.contracts)
    .filter(([name]) => name !== 'org.hyperledger.fabric')
    .flatMap(([contract, meta]) => meta.transactions.map((tx) => ({ contract, fn: tx.name, arity: tx.parameters?.length ?? 0 })));
}

const JS_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const HOSTILE_ARGS = [
  ...JS_NAMES,
  '',
  '\u0000',
  'P-1\u0000',
  '\ud800',
  'a\udfffb',
  'null',
  'true',
  '[]',
  '{}',
  '{',
  '"x"',
  '1e999',
  '-0',
  'NaN',
  '9'.repeat(400),
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"id":"toString","hasOwnProperty":1}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
  'x'.repeat(100_000),
  'P-1',
  'C-1',
  'S-1',
  'PM-1',
];

/** A JSON object with some JavaScript-named keys and hostile leaves. */
const jsonObject: Arbitrary<string> = fc
  .dictionary(fc.oneof(fc.constantFrom(...JS_NAMES, 'id', 'type', 'status', 'ownerId'), fc.string({ maxLength: 8 })), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...HOSTILE_ARGS)), {
    maxKeys: 6,
  })
  .map((o) => JSON.stringify(o));

const argument: Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_ARGS) },
  { weight: 2, arbitrary: jsonObject },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
);

export interface FuzzOptions {
  readonly contracts: readonly (typeof Contract)[];
  /** The chaincode's name, for the metadata. */
  readonly title: string;
  /** One ledger for the whole run, so calls that succeed give later ones state to work on; defaults to one with every founding collection. */
  readonly ledger?: FakeLedger;
  /** Defaults to every test caller, one without a role and one of an unknown MSP. */
  readonly callers?: readonly FakeCaller[];
  readonly seed?: number;
  readonly runs?: number;
}

export interface FuzzReport {
  readonly calls: number;
  readonly succeeded: number;
  /** One line per distinct failure: `contract.fn(args) → what was wrong`. */
  readonly failures: string[];
}

const ANY_CALLER: readonly FakeCaller[] = [...Object.values(callers), { msp: Msp.Registry }, { msp: 'StrangerMSP', role: 'clerk' }, { msp: Msp.Registry, role: '__proto__' }];

function foundingLedger(): FakeLedger {
  const ledger = new FakeLedger();
  for (const [name, spec] of Object.entries(FOUNDING_CONSORTIUM.collections)) ledger.defineCollection(name, { members: spec.members });
  return ledger;
}

const CODED = new RegExp(`^(${ERROR_CODES.join('|')}): `);

/** Calls random functions of `contracts` with hostile arguments; see the file comment for the rule. */
export async function fuzzTransactions(options: FuzzOptions): Promise<FuzzReport> {
  const functions = transactionFunctions(options.contracts, options.title);
  const instances = new Map(options.contracts.map((C) => [new C().getName(), new C()]));
  const ledger = options.ledger ?? foundingLedger();
  const failures = new Map<string, string>();
  let calls = 0;
  let succeeded = 0;
  const call = fc.record({
    tx: fc.constantFrom(...functions),
    caller: fc.constantFrom(...(options.callers ?? ANY_CALLER)),
    args: fc.array(argument, { minLength: 0, maxLength: 6 }),
  });
  await fc.assert(
    fc.asyncProperty(call, async ({ tx, caller, args }) => {
      // Mostly the declared number of arguments: a wrong count is refused by the runtime itself.
      const given = Array.from({ length: tx.arity }, (_, i) => args[i] ?? '');
      const contract = instances.get(tx.contract) as Contract;
      const before = ledger.snapshot();
      calls += 1;
      try {
        await ledger.invoke(contract, tx.fn, caller, given);
        succeeded += 1;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const wrong = !(err instanceof Error) || !CODED.test(message) || err instanceof TypeError || err instanceof RangeError ? `uncoded ${err instanceof Error ? err.name : typeof err}: ${message.slice(0, 160)}` : undefined;
        const changed = ledger.snapshot() !== before ? 'a refused call changed the ledger' : undefined;
        const problem = wrong ?? changed;
        const key = `${tx.contract}.${tx.fn} ${problem?.slice(0, 60) ?? ''}`;
        if (problem && !failures.has(key)) failures.set(key, `${tx.contract}.${tx.fn}(${given.map((a) => JSON.stringify(a.slice(0, 60))).join(', ')}) as ${caller.msp}/${caller.role ?? '-'} → ${problem}`);
      }
    }),
    { seed: options.seed ?? 18, numRuns: options.runs ?? 1000 },
  );
  return { calls, succeeded, failures: [...failures.values()] };
}
