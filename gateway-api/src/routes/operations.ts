/**
 * Operations routes, open without credentials (like a peer's operations endpoint):
 *
 * - `GET /healthz`: the process is up (200).
 * - `GET /readyz`: at least one of the org's peers answers a chain-info query (200), with each
 *   peer's status and channel height; 503 `UNAVAILABLE` when none does. Answered from the
 *   last probe for {@link READY_CACHE_MS} (concurrent requests share one probe), so an open,
 *   unauthenticated route cannot be used to load the peers.
 * - `GET /openapi.json`: the OpenAPI 3.1 document of every route.
 */
import express, { type Router } from 'express';
import { problem, sendProblem, type Problem } from '../errors';
import type { LedgerClient, PeerStatus } from '../fabric/ledgerClient';

export interface OperationsDeps {
  readonly ledger: LedgerClient;
  readonly openApi: unknown;
  /** Clock (ms) for the probe cache; injectable for tests. */
  readonly now?: () => number;
}

/** How long one probe of the peers answers `/readyz`. */
export const READY_CACHE_MS = 2_000;

export function operationsRouter(deps: OperationsDeps): Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const now = deps.now ?? Date.now;
  let cached: { at: number; peers: Promise<PeerStatus[]> } | undefined;
  router.get('/readyz', async (_req, res) => {
    if (!cached || now() - cached.at >= READY_CACHE_MS) cached = { at: now(), peers: deps.ledger.probe() };
    const peers = await cached.peers;
    const reachable = peers.filter((p) => p.reachable);
    if (reachable.length === 0) {
      const body: Problem & { peers: PeerStatus[] } = { ...problem('UNAVAILABLE', 'no peer of this organization answered'), peers };
      sendProblem(res, body);
      return;
    }
    res.json({ status: 'ready', height: Math.max(...reachable.map((p) => p.height ?? 0)), peers });
  });
  router.get('/openapi.json', (_req, res) => {
    res.json(deps.openApi);
  });
  return router;
}
