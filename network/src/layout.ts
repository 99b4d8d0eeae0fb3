import path from 'node:path';
import { OrgDeclaration } from './orgFile';

/**
 * Where generated material lives, for the TypeScript side (configtx, tests,
 * gateway). Everything goes under one git-ignored runtime folder (`.runtime/`
 * by default, or $CITY_LEDGER_RUNTIME). The Bash scripts keep the same tree
 * (network/lib/orgs.sh); logs, pids and CA homes are theirs alone.
 */
export class RuntimeLayout {
  constructor(readonly root: string) {}

  /** The org's verifying MSP (CA and TLS CA roots, NodeOU config) used in channel config. */
  orgMspDir(org: OrgDeclaration): string {
    return path.join(this.root, 'orgs', org.key, 'msp');
  }

  /** Client identity (MSP folder under it) of an org user: `admin`, or a user from the org file. */
  clientDir(org: OrgDeclaration, user: string): string {
    return path.join(this.root, 'orgs', org.key, 'clients', user);
  }

  /** Home of one node: msp/, tls/, data/ and its config folder. */
  nodeDir(org: OrgDeclaration, node: string): string {
    return path.join(this.root, 'nodes', nodeId(org, node));
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
