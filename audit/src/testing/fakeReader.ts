/**
 * A ChaincodeReader that answers from a table, for unit tests of the document and history
 * checks; unknown calls answer like the chaincode (NOT_FOUND). Integration tests use a real peer.
 *
 * @example
 * ```ts
 * const reader = fakeReader({ 'records vital:getVitalRecord B-1': record });
 * ```
 */
import { AuditError } from '../errors';
import type { ChaincodeReader } from '../peerSession';

export function fakeReader(answers: Record<string, unknown>): ChaincodeReader & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    evaluate: async (chaincode, fn, args) => {
      const call = `${chaincode} ${fn} ${args.join(' ')}`;
      calls.push(call);
      if (!(call in answers)) throw new AuditError('NOT_FOUND', `${args[0]} does not exist`);
      const answer = answers[call];
      return Buffer.from(typeof answer === 'string' ? answer : JSON.stringify(answer));
    },
  };
}
