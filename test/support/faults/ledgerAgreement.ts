/**
 * What every fault scenario checks after recovery, asking each peer itself (not one gateway,
 * which would answer from whichever peer it prefers):
 *
 * - every acknowledged write is committed, valid, on every department's peer and the Auditor's:
 *   each peer's own block delivery, read as its org's admin, lists its transaction as VALID;
 * - every peer reports the same height and the same hash of its last block (`peer channel getinfo`).
 *
 * @example
 * const report = await load.stop();
 * const agreedInMs = await waitForPeersToAgree(60_000);
 * await expectAcknowledgedWritesEverywhere(report);
 */
import { connectAs } from '../gateway';
import { allPeers, chainInfo, networkEnv, type ChainInfo } from '../network';
import type { WriteLoadReport } from './writeLoad';

/** A peer's valid transactions among blocks `from`..`to` (inclusive), from its own block delivery. */
async function validTransactions(orgKey: string, peerName: string, from: number, to: number): Promise<Set<string>> {
  const session = await connectAs(orgKey, 'admin', peerName);
  const valid = new Set<string>();
  try {
    const blocks = await session.gateway.getNetwork(networkEnv().CHANNEL_NAME).getFilteredBlockEvents({ startBlock: BigInt(from) });
    try {
      for await (const block of blocks) {
        for (const tx of block.getFilteredTransactionsList()) {
          if (tx.getTxValidationCode() === 0) valid.add(tx.getTxid());
        }
        if (Number(block.getNumber()) >= to) break;
      }
    } finally {
      blocks.close();
    }
  } finally {
    session.close();
  }
  return valid;
}

/** Each peer with the acknowledged writes it does not hold as valid: empty when nothing was lost. */
export async function missingAcknowledgedWrites(report: WriteLoadReport): Promise<Record<string, string[]>> {
  const acknowledged = report.acknowledged;
  const withoutTx = acknowledged.filter((r) => r.txId === undefined || r.blockNumber === undefined);
  if (withoutTx.length > 0) throw new Error(`acknowledged writes without a txId or block: ${withoutTx.map((r) => r.id).join(', ')}`);
  const missing: Record<string, string[]> = {};
  if (acknowledged.length === 0) return missing;
  const blocks = acknowledged.map((r) => r.blockNumber as number);
  const from = Math.min(...blocks);
  const to = Math.max(...blocks);
  for (const [orgKey, peerName] of allPeers()) {
    const valid = await validTransactions(orgKey, peerName, from, to);
    const lost = acknowledged.filter((r) => !valid.has(r.txId as string)).map((r) => r.id);
    if (lost.length > 0) missing[`${orgKey}/${peerName}`] = lost;
  }
  return missing;
}

/** Expects every acknowledged write of `report` committed as valid on every peer of the consortium. */
export async function expectAcknowledgedWritesEverywhere(report: WriteLoadReport): Promise<void> {
  expect(await missingAcknowledgedWrites(report)).toEqual({});
}

/** Every peer's height and last block hash, by `org/peer` (an unreachable peer is absent). */
export async function peerChains(): Promise<Map<string, ChainInfo>> {
  const chains = new Map<string, ChainInfo>();
  await Promise.all(
    allPeers().map(async ([o, p]) => {
      const info = await chainInfo(o, p).catch(() => undefined);
      if (info) chains.set(`${o}/${p}`, info);
    }),
  );
  return chains;
}

/**
 * Waits until every peer reports the same height and block hash; resolves to how long that took,
 * in ms. Rejects after `deadlineMs` with what each peer reported.
 */
export async function waitForPeersToAgree(deadlineMs: number): Promise<number> {
  const started = Date.now();
  const peers = allPeers().length;
  let chains = new Map<string, ChainInfo>();
  for (;;) {
    chains = await peerChains();
    const ends = new Set([...chains.values()].map((c) => `${c.height} ${c.currentBlockHash}`));
    if (chains.size === peers && ends.size === 1) return Date.now() - started;
    if (Date.now() - started > deadlineMs) {
      throw new Error(`peers did not agree within ${deadlineMs} ms: ${JSON.stringify(Object.fromEntries(chains))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
