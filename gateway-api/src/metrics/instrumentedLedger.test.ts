import { status as GrpcStatus } from '@grpc/grpc-js';
import type { Principal } from '../auth/principal';
import { FakeLedgerClient, grpcFailure } from '../testing';
import { InstrumentedLedgerClient } from './instrumentedLedger';
import { GatewayMetrics } from './metrics';

const CLERK: Principal = { id: 'tax-system', user: 'clerk1', roles: ['clerk'], via: 'api-key' };

async function callCounts(metrics: GatewayMetrics): Promise<Record<string, number>> {
  const metric = metrics.registry.getSingleMetric('gateway_fabric_call_duration_seconds');
  if (!metric) throw new Error('no Fabric call histogram');
  const { values } = await metric.get();
  const counts = values.filter((v) => v.metricName === 'gateway_fabric_call_duration_seconds_count');
  return Object.fromEntries(counts.map((v) => [`${v.labels.kind}/${v.labels.outcome}`, v.value]));
}

describe('InstrumentedLedgerClient', () => {
  it('passes calls and answers through unchanged, and times them', async () => {
    const inner = new FakeLedgerClient().onEvaluate('getParcel', () => ({ id: 'P-1' })).onSubmit('registerParcel', () => ({ ok: true }));
    const metrics = new GatewayMetrics();
    const ledger = new InstrumentedLedgerClient(inner, metrics);

    const bytes = await ledger.evaluate(CLERK, 'records', 'property', 'getParcel', ['P-1']);
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual({ id: 'P-1' });
    const endorsed = await ledger.endorse(CLERK, { chaincode: 'records', contract: 'property', fn: 'registerParcel', args: ['{}'], endorsingOrganizations: ['RegistryMSP'] });
    await ledger.submit(CLERK, endorsed.transaction);
    const status = await ledger.commitStatus(CLERK, endorsed.txId);
    expect(status).toMatchObject({ txId: endorsed.txId, valid: true });
    expect(await ledger.probe()).toEqual(inner.peers);

    expect(inner.calls.map((c) => [c.kind, c.fn, c.principal.user])).toEqual([
      ['evaluate', 'getParcel', 'clerk1'],
      ['submit', 'registerParcel', 'clerk1'],
    ]);
    expect(inner.submits()[0]?.options).toEqual({ endorsingOrganizations: ['RegistryMSP'] });
    expect(await callCounts(metrics)).toEqual({ 'evaluate/ok': 1, 'endorse/ok': 1, 'submit/ok': 1, 'commit_status/ok': 1 });
  });

  it('times failed calls as errors and rethrows the same error', async () => {
    const failure = grpcFailure(GrpcStatus.UNAVAILABLE);
    const metrics = new GatewayMetrics();
    const ledger = new InstrumentedLedgerClient(new FakeLedgerClient().failWith('getParcel', failure), metrics);
    await expect(ledger.evaluate(CLERK, 'records', 'property', 'getParcel', ['P-1'])).rejects.toBe(failure);
    await expect(ledger.endorse(CLERK, { chaincode: 'records', contract: 'property', fn: 'getParcel', args: [] })).rejects.toBe(failure);
    expect(await callCounts(metrics)).toEqual({ 'evaluate/error': 1, 'endorse/error': 1 });
  });
});
