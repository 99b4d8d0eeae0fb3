import path from 'node:path';
import { parse } from 'yaml';
import { configtxYaml } from './configtx';
import { loadConsortium } from './consortium';
import { RuntimeLayout } from './layout';

const consortium = loadConsortium(path.resolve(__dirname, '..', '..', 'organizations'));
const orderer = (profile: 'raft' | 'bft'): Record<string, unknown> => {
  const doc = parse(configtxYaml(consortium, new RuntimeLayout('/runtime'), profile)) as { Profiles: Record<string, { Orderer: Record<string, unknown> }> };
  return Object.values(doc.Profiles)[0]?.Orderer ?? {};
};

describe('configtx.yaml', () => {
  it('has Raft take a snapshot every 1 MB, under one Raft message (PreferredMaxBytes), so that a restarted orderer replays its log in one batch', () => {
    const raft = orderer('raft') as { EtcdRaft: { Options: { SnapshotIntervalSize: string } }; BatchSize: { PreferredMaxBytes: string } };
    expect(raft.EtcdRaft.Options.SnapshotIntervalSize).toBe('1 MB');
    expect(raft.BatchSize.PreferredMaxBytes).toBe('2 MB');
  });

  it('gives SmartBFT every option (configtxgen takes all or none), a restarted consenter syncing first; Raft none', () => {
    const options = (orderer('bft') as { SmartBFT: Record<string, unknown> }).SmartBFT;
    expect(Object.keys(options)).toHaveLength(15);
    expect(options).toMatchObject({ SyncOnStart: true, RequestComplainTimeout: '6s', RequestBatchMaxInterval: '500ms', SpeedUpViewChange: false });
    expect(orderer('raft')).not.toHaveProperty('SmartBFT');
  });
});
