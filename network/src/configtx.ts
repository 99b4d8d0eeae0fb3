import path from 'node:path';
import { stringify } from 'yaml';
import { Consortium, consenters } from './consortium';
import { endpoint } from './hosts';
import { RuntimeLayout, signCertFile, tlsFiles } from './layout';
import { OrderingProfile, OrgDeclaration } from './orgFile';
import { departmentMajority } from './policies';

const signature = (rule: string) => ({ Type: 'Signature', Rule: rule });
const implicit = (rule: string) => ({ Type: 'ImplicitMeta', Rule: rule });

/**
 * Org policies. A regulator is read-only: its clients (and their `city.role`
 * auditor identities) can never satisfy its Writers policy, so the ordering
 * service refuses any transaction they sign. Only its admin is a writer, and
 * only because Fabric's lifecycle needs each org's admin to approve a
 * chaincode definition before that org's peer will run the chaincode, even
 * for queries. Its peer's endorsements satisfy its own Endorsement policy
 * (which the approval needs), but the channel-wide Endorsement and
 * LifecycleEndorsement policies name departments only, and so do the
 * chaincode endorsement policies. In the Orderer group (BFT only) its
 * orderer node is a writer too: SmartBFT checks block proposals against the
 * orderer orgs' Writers.
 */
function orgPolicies(org: OrgDeclaration, group: 'Orderer' | 'Application') {
  const msp = org.mspId;
  const regulatorWriters = group === 'Orderer' ? `OR('${msp}.admin', '${msp}.orderer')` : `OR('${msp}.admin')`;
  return {
    Readers: signature(`OR('${msp}.member')`),
    Writers: signature(org.role === 'regulator' ? regulatorWriters : `OR('${msp}.member')`),
    Admins: signature(`OR('${msp}.admin')`),
    Endorsement: signature(`OR('${msp}.peer')`),
  };
}

function organization(org: OrgDeclaration, layout: RuntimeLayout, profile: OrderingProfile, group: 'Orderer' | 'Application') {
  const endpoints = org.orderers.filter((o) => o.profiles.includes(profile)).map((o) => endpoint(o.host, o.port));
  return {
    Name: org.mspId,
    ID: org.mspId,
    MSPDir: layout.orgMspDir(org),
    Policies: orgPolicies(org, group),
    ...(endpoints.length > 0 ? { OrdererEndpoints: endpoints } : {}),
  };
}

/**
 * Anchor peers go in the genesis block only for BFT: this Fabric build's
 * configtxlator cannot decode a BFT channel's `Orderers` value, so the usual
 * config update (which Raft uses, see network/lib/channel.sh) is impossible.
 */
function applicationOrganization(org: OrgDeclaration, layout: RuntimeLayout, profile: OrderingProfile) {
  const anchors = org.peers.filter((p) => p.anchor).map((p) => ({ Host: p.host, Port: p.port }));
  return {
    ...organization(org, layout, profile, 'Application'),
    ...(profile === 'bft' && anchors.length > 0 ? { AnchorPeers: anchors } : {}),
  };
}

/**
 * Channel ACLs that differ from Fabric's defaults. Everything else keeps the
 * default (see README "Channel access").
 * - peer/Propose: Readers instead of Writers, so the Auditor can query
 *   chaincode. Writes stay closed to it: the orderer checks /Channel/Writers,
 *   endorsement policies never count it, and the chaincode refuses regulators.
 */
export const ACL_OVERRIDES: Readonly<Record<string, string>> = {
  'peer/Propose': '/Channel/Application/Readers',
};

/** The default ACLs the channel keeps, named here so the README and tests can rely on them. */
export const ACLS: Readonly<Record<string, string>> = {
  '_lifecycle/CheckCommitReadiness': '/Channel/Application/Writers',
  '_lifecycle/CommitChaincodeDefinition': '/Channel/Application/Writers',
  '_lifecycle/QueryChaincodeDefinition': '/Channel/Application/Writers',
  '_lifecycle/QueryChaincodeDefinitions': '/Channel/Application/Writers',
  'lscc/ChaincodeExists': '/Channel/Application/Readers',
  'lscc/GetDeploymentSpec': '/Channel/Application/Readers',
  'lscc/GetChaincodeData': '/Channel/Application/Readers',
  'lscc/GetInstantiatedChaincodes': '/Channel/Application/Readers',
  'qscc/GetChainInfo': '/Channel/Application/Readers',
  'qscc/GetBlockByNumber': '/Channel/Application/Readers',
  'qscc/GetBlockByHash': '/Channel/Application/Readers',
  'qscc/GetTransactionByID': '/Channel/Application/Readers',
  'qscc/GetBlockByTxID': '/Channel/Application/Readers',
  'cscc/GetConfigBlock': '/Channel/Application/Readers',
  'cscc/GetChannelConfig': '/Channel/Application/Readers',
  'peer/ChaincodeToChaincode': '/Channel/Application/Writers',
  'event/Block': '/Channel/Application/Readers',
  'event/FilteredBlock': '/Channel/Application/Readers',
  ...ACL_OVERRIDES,
};

/**
 * SmartBFT's options (configtxgen takes all of them or none). Where they differ from the library's
 * defaults, it is for recovery after a consenter dies, freezes or restarts; see README "Ordering
 * under faults", where each was measured:
 * - `SyncOnStart`: a restarted consenter first fetches the blocks it missed and the current view.
 *   Without it, a restarted leader of view 0 took itself for the leader again, accepted requests
 *   into a pool that nobody ordered, ignored the real leader's heartbeats and, with no load,
 *   stayed blocks behind for good (and so did the peers that pull blocks from it).
 * - `RequestComplainTimeout` 6 s (default 20 s): under load, the followers replace a dead leader
 *   about 8 s after its last proposal rather than after a 22 s stall. `LeaderHeartbeatTimeout`
 *   30 s (default 1 min) does it for an idle channel. Shorter heartbeat and view-change
 *   timeouts, and `SpeedUpViewChange`, were tried and made it worse here: a consenter whose
 *   catch-up took longer than the heartbeat timeout complained at once, and consenters that
 *   gave up on a view change at different times kept asking for different views (28 s stalls).
 * - `RequestBatchMaxInterval` 500 ms (default 50 ms), as Raft's `BatchTimeout`: a consenter that
 *   fell behind catches up by sync and rejoins at the next proposal, but proposals 50 ms apart
 *   were always past it by the time its sync ended, so under a steady load it never voted again
 *   and the next fault left the others without a quorum.
 * - `RequestAutoRemoveTimeout` 1 min (default 3 min): this Fabric build's synchronizer does not
 *   tell the pool which requests the fetched blocks held, so a consenter that caught up by sync
 *   keeps them until this timeout, and as a later leader would order them a second time.
 */
export const SMART_BFT_OPTIONS = {
  RequestBatchMaxCount: 100,
  RequestBatchMaxBytes: 10 * 1024 * 1024,
  RequestBatchMaxInterval: '500ms',
  IncomingMessageBufferSize: 200,
  RequestPoolSize: 400,
  RequestForwardTimeout: '2s',
  RequestComplainTimeout: '6s',
  RequestAutoRemoveTimeout: '1m',
  ViewChangeResendInterval: '5s',
  ViewChangeTimeout: '20s',
  LeaderHeartbeatTimeout: '30s',
  LeaderHeartbeatCount: 10,
  CollectTimeout: '1s',
  SyncOnStart: true,
  SpeedUpViewChange: false,
} as const;

/** Profile names inside the generated configtx.yaml. */
export const PROFILE_NAMES: Record<OrderingProfile, string> = { raft: 'CityRaft', bft: 'CityBFT' };

/**
 * Builds configtx.yaml for channel `city` from the org files.
 *
 * @example
 * writeFileSync(out, configtxYaml(loadConsortium('organizations'), layout, 'raft'));
 * // configtxgen -profile CityRaft -outputBlock genesis.block -channelID city
 */
export function configtxYaml(consortium: Consortium, layout: RuntimeLayout, profile: OrderingProfile): string {
  const members = consenters(consortium, profile);
  const ordererOrgs = consortium.orgs.filter((org) => members.some((m) => m.org === org));
  // Consenters' certificates as their orgs published them: the department building the block reads no other home.
  const tlsCert = (org: OrgDeclaration, name: string) => tlsFiles(layout.publishedNodeDir(org, name)).cert;

  const orderer: Record<string, unknown> = {
    OrdererType: profile === 'raft' ? 'etcdraft' : 'BFT',
    Addresses: [],
    // Short batches: a city's transactions are few and latency matters more than throughput.
    // bench:ledger saw no steady gain in CPU per committed write from 1 s blocks at the 15-25
    // writes/s this 2-core machine commits (README "Performance"), so blocks stay at 500 ms.
    BatchTimeout: '500ms',
    BatchSize: { MaxMessageCount: 100, AbsoluteMaxBytes: '10 MB', PreferredMaxBytes: '2 MB' },
    Organizations: ordererOrgs.map((org) => organization(org, layout, profile, 'Orderer')),
    Policies: {
      Readers: implicit('ANY Readers'),
      Writers: implicit('ANY Writers'),
      Admins: implicit('MAJORITY Admins'),
      BlockValidation: implicit('ANY Writers'),
    },
    Capabilities: { V2_0: true },
  };
  if (profile === 'raft') {
    orderer.EtcdRaft = {
      Consenters: members.map(({ org, name, orderer: o }) => ({
        Host: o.host,
        Port: o.port,
        ClientTLSCert: tlsCert(org, name),
        ServerTLSCert: tlsCert(org, name),
      })),
      // A snapshot every 1 MB (Fabric's default is 16 MB), less than one Raft message (PreferredMaxBytes,
      // 2 MB): an orderer restarted with more than one message of committed entries since its last
      // snapshot replays them in several batches, and at this Fabric commit the replay deadlocks on
      // the channel's first (membership) entries: chain.apply waits for node.run on WALSyncC while
      // node.run waits for chain.apply on applyC. The orderer then never ticks nor answers, and no
      // leader is ever elected. A snapshot ends the replay before those entries. See README
      // "Reliability under faults".
      Options: { SnapshotIntervalSize: '1 MB' },
    };
  } else {
    orderer.ConsenterMapping = members.map(({ org, name, orderer: o }, i) => ({
      ID: i + 1,
      Host: o.host,
      Port: o.port,
      MSPID: org.mspId,
      Identity: signCertFile(path.join(layout.publishedNodeDir(org, name), 'msp')),
      ClientTLSCert: tlsCert(org, name),
      ServerTLSCert: tlsCert(org, name),
    }));
    orderer.SmartBFT = SMART_BFT_OPTIONS;
  }

  const channel = {
    Policies: { Readers: implicit('ANY Readers'), Writers: implicit('ANY Writers'), Admins: implicit('MAJORITY Admins') },
    // V3_0 is what SmartBFT needs; Raft keeps V2_0 so that peers of either
    // Fabric 2.5 or 3.x can join the channel.
    Capabilities: profile === 'bft' ? { V3_0: true } : { V2_0: true },
    Orderer: orderer,
    Application: {
      Organizations: consortium.orgs.map((org) => applicationOrganization(org, layout, profile)),
      Policies: {
        Readers: implicit('ANY Readers'),
        Writers: implicit('ANY Writers'),
        Admins: implicit('MAJORITY Admins'),
        LifecycleEndorsement: signature(departmentMajority(consortium)),
        Endorsement: signature(departmentMajority(consortium)),
      },
      Capabilities: { V2_5: true },
      ACLs: ACLS,
    },
  };
  return stringify({ Profiles: { [PROFILE_NAMES[profile]]: channel } }, { lineWidth: 0 });
}
