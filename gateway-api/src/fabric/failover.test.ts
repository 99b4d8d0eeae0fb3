import { Failover } from './failover';

const unavailable = new Error('UNAVAILABLE');
const retryable = (err: unknown) => err === unavailable;

describe('Failover', () => {
  it('uses the preferred peer while it works', async () => {
    const failover = new Failover(['peer0', 'peer1']);
    const seen: string[] = [];
    await failover.run(async (p) => seen.push(p), retryable);
    await failover.run(async (p) => seen.push(p), retryable);
    expect(seen).toEqual(['peer0', 'peer0']);
  });

  it('retries once on the next peer when one is unavailable, and sticks to it', async () => {
    const failover = new Failover(['peer0', 'peer1']);
    const seen: string[] = [];
    const moves: string[] = [];
    const result = await failover.run(
      async (p) => {
        seen.push(p);
        if (p === 'peer0') throw unavailable;
        return 'ok';
      },
      retryable,
      (from, to) => moves.push(`${from}->${to}`),
    );
    expect(result).toBe('ok');
    expect(seen).toEqual(['peer0', 'peer1']);
    expect(moves).toEqual(['peer0->peer1']);
    expect(failover.current).toBe('peer1');
  });

  it('gives up after one retry', async () => {
    const failover = new Failover(['peer0', 'peer1', 'peer2']);
    let calls = 0;
    await expect(
      failover.run(async () => {
        calls += 1;
        throw unavailable;
      }, retryable),
    ).rejects.toBe(unavailable);
    expect(calls).toBe(2);
  });

  it('does not retry other errors, nor with a single peer', async () => {
    const other = new Error('NOT_FOUND');
    let calls = 0;
    const fail = async () => {
      calls += 1;
      throw other;
    };
    await expect(new Failover(['peer0', 'peer1']).run(fail, retryable)).rejects.toBe(other);
    await expect(
      new Failover(['peer0']).run(async () => {
        calls += 1;
        throw unavailable;
      }, retryable),
    ).rejects.toBe(unavailable);
    expect(calls).toBe(2);
  });

  it('needs a peer', () => {
    expect(() => new Failover([])).toThrow(/at least one peer/);
  });
});
