import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkCollectionsExcludeRegulators, loadChaincodes, signaturePolicy } from './chaincodes';
import { loadConsortium } from './consortium';
import { OrgDeclaration } from './orgFile';
import { anyDepartment, departmentMajority } from './policies';

const ORGS_DIR = path.resolve(__dirname, '..', '..', 'organizations');
const { orgs } = loadConsortium(ORGS_DIR);
const health = orgs.find((o) => o.key === 'health');
if (!health) throw new Error('organizations/health.yaml is missing');
const transit: OrgDeclaration = { ...health, key: 'transit', mspId: 'TransitMSP' };

describe('policies that follow the org files', () => {
  test('count departments only, and grow with a new department', () => {
    expect(anyDepartment({ orgs })).toBe("OR('HealthMSP.peer', 'PublicWorksMSP.peer', 'RegistryMSP.peer')");
    expect(anyDepartment({ orgs: [...orgs, transit] })).toContain("'TransitMSP.peer'");
    expect(departmentMajority({ orgs: [...orgs, transit] })).toMatch(/^OutOf\(3, /);
  });

  test('a chaincode naming one gets it resolved; a spelled-out policy stays as it is; an unknown name is refused', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'city-cc-'));
    try {
      const file = path.join(dir, 'chaincodes.yaml');
      writeFileSync(
        file,
        "chaincodes:\n  - {name: a, path: x, portOffset: 0, endorsementPolicy: anyDepartment}\n  - {name: b, path: y, portOffset: 1, endorsementPolicy: \"OR('RegistryMSP.peer')\"}\n",
      );
      const [a, b] = loadChaincodes(file).map((cc) => signaturePolicy({ orgs: [...orgs, transit] }, cc));
      expect(a).toContain("'TransitMSP.peer'");
      expect(b).toBe("OR('RegistryMSP.peer')");
      writeFileSync(file, 'chaincodes:\n  - {name: a, path: x, portOffset: 0, endorsementPolicy: everyone}\n');
      expect(() => loadChaincodes(file)).toThrow(/endorsementPolicy.*anyDepartment, departmentMajority/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a collection naming the regulator, as member or endorser, is refused; the real ones pass', () => {
    for (const cc of ['records', 'identity', 'logistics']) {
      expect(() => checkCollectionsExcludeRegulators({ orgs }, path.resolve(__dirname, '..', '..', 'chaincode', cc, 'collections_config.json'))).not.toThrow();
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'city-col-'));
    try {
      const file = path.join(dir, 'collections_config.json');
      writeFileSync(file, JSON.stringify([{ name: 'x', policy: "OR('RegistryMSP.member')", endorsementPolicy: { signaturePolicy: "OR('AuditorMSP.peer')" } }]));
      expect(() => checkCollectionsExcludeRegulators({ orgs }, file)).toThrow(/\[0\]\.endorsementPolicy.*AuditorMSP/);
      writeFileSync(file, JSON.stringify([{ name: 'x', policy: "OR('AuditorMSP.member')" }]));
      expect(() => checkCollectionsExcludeRegulators({ orgs }, file)).toThrow(/\[0\]\.policy.*AuditorMSP/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
