import { DatabaseSync } from 'node:sqlite';
import { FakeLedgerClient } from '../testing';
import type { Answer } from '../http/answer';
import { TransactionJobs } from './transactionJobs';

const PRINCIPAL = { id: 'tax-system', user: 'clerk1', roles: ['clerk'], via: 'api-key' as const };
const ANSWER: Answer = { status: 201, body: { ok: true }, headers: {}, problem: false };

async function endorsed(ledger: FakeLedgerClient) {
  return ledger.endorse(PRINCIPAL, { chaincode: 'records', contract: 'property', fn: 'registerParcel', args: [] });
}

describe('TransactionJobs', () => {
  it('keeps attempts under the first transaction ID, and finds the job by any of them', async () => {
    const ledger = new FakeLedgerClient().onSubmit('registerParcel', () => null);
    const jobs = new TransactionJobs(new DatabaseSync(':memory:'));
    const job = jobs.create(PRINCIPAL, await endorsed(ledger), 201, 1_000);
    jobs.addAttempt(job.id, await endorsed(ledger), 2_000);
    expect(jobs.find('tx2')).toMatchObject({ id: 'tx1', txId: 'tx2', attempts: 2, state: 'pending', principal: PRINCIPAL });
    expect(jobs.pending()).toEqual([expect.objectContaining({ txId: 'tx2', submitted: false })]);
    jobs.markSubmitted('tx2');
    expect(jobs.pending()[0]?.submitted).toBe(true);
    expect(jobs.find('tx9')).toBeUndefined();
  });

  it('purges finished jobs older than the limit, never pending ones', async () => {
    const ledger = new FakeLedgerClient().onSubmit('registerParcel', () => null);
    const jobs = new TransactionJobs(new DatabaseSync(':memory:'));
    const done = jobs.create(PRINCIPAL, await endorsed(ledger), 201, 0);
    jobs.commit(done.id, 11n, ANSWER, 100);
    jobs.create(PRINCIPAL, await endorsed(ledger), 201, 0);
    expect(jobs.purge(100)).toBe(0);
    expect(jobs.purge(101)).toBe(1);
    expect(jobs.find('tx1')).toBeUndefined();
    expect(jobs.find('tx2')?.state).toBe('pending');
  });
});
