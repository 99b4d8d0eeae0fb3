import path from 'node:path';
import { OrgDeclaration } from './orgFile';

/**
 * Where generated material lives. Everything goes under one git-ignored
 * runtime folder (`.runtime/` by default, or $CITY_LEDGER_RUNTIME), so
 * `network/clean.sh` can remove it all and git never sees it.
 */
export class RuntimeLayout {
  constructor(readonly root: string) {}

  /** The org's verifying MSP (CA and TLS CA roots, NodeOU config) used in channel config. */
  orgMspDir(org: OrgDeclaration): string {
    return path.join(this.root, 'orgs', org.key, 'msp');
  }

  /** fabric-ca-server home of the org's identity CA (`ca`) or TLS CA (`tlsca`). */
  caHome(org: OrgDeclaration, kind: 'ca' | 'tlsca'): string {
    return path.join(this.root, 'orgs', org.key, kind);
  }

  /** Client identity (MSP folder under it) of an org user: `admin`, or a user from the org file. */
  clientDir(org: OrgDeclaration, user: string): string {
    return path.join(this.root, 'orgs', org.key, 'clients', user);
  }

  /** Home of one node: msp/, tls/, data/ and its config folder. */
  nodeDir(org: OrgDeclaration, node: string): string {
    return path.join(this.root, 'nodes', nodeId(org, node));
  }

  logFile(id: string): string {
    return path.join(this.root, 'logs', `${id}.log`);
  }

  pidFile(id: string): string {
    return path.join(this.root, 'pids', `${id}.pid`);
  }

  channelDir(): string {
    return path.join(this.root, 'channel');
  }
}

/** Process and folder name of a node: `registry-peer0`. */
export function nodeId(org: OrgDeclaration, node: string): string {
  return `${org.key}-${node}`;
}

/** The node's host name, placed in its certificates: `peer0.registry.city.local`. */
export function nodeHost(org: OrgDeclaration, node: string): string {
  return `${node}.${org.domain}`;
}

/** Every node listens on loopback only. */
export const LISTEN_HOST = '127.0.0.1';
