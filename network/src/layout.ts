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

  /** The org's TLS CA root: it signed every TLS certificate of the org's peers, orderers and gateway. */
  tlsCaFile(org: OrgDeclaration): string {
    return path.join(this.orgMspDir(org), 'tlscacerts', 'tlsca.pem');
  }

  /** The root certificate of the org's identity CA; it also signed the CA's TLS server certificate. */
  caCertFile(org: OrgDeclaration): string {
    return path.join(this.root, 'orgs', org.key, 'ca', 'ca-cert.pem');
  }

  /**
   * The gateway's own registrar at the org's CA (msp/ under it): it may register clients with
   * `city.role` and revoke them, nothing more. Enrolled by the network scripts (lib/crypto.sh).
   */
  gatewayRegistrarDir(org: OrgDeclaration): string {
    return path.join(this.root, 'orgs', org.key, 'registrars', 'gateway');
  }

  /** The org gateway's own files: its API key file, the CA's latest CRL. */
  gatewayDir(org: OrgDeclaration): string {
    return path.join(this.root, 'gateway', org.key);
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
