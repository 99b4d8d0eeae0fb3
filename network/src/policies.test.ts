import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkPoliciesExcludeRegulators, loadChaincodes, signaturePolicy } from './chaincodes';
import { loadConsortium } from './consortium';
import { OrgDeclaration } from './orgFile';
import { anyDepartment, anyDepartmentWith, departmentMajority, isPolicyForm, resolvePolicy } from './policies';

const ORGS_DIR = path.resolve(__dirname, '..', '..', 'organizations');
const { orgs } = loadConsortium(ORGS_DIR);
const health = orgs.find((o) => o.key === 'health');
if (!health) throw new Error('organizations/health.yaml is missing');
const transit: OrgDeclaration = { ...health, key: 'transit', name: 'Transit', mspId: 'TransitMSP', remits: [] };

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
      expect(() => loadChaincodes(file)).toThrow(/endorsementPolicy.*anyDepartment, departmentMajority, anyDepartmentWith/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('anyDepartmentWith follows the remits: a new department holding one of them joins', () => {
    const withPermits: OrgDeclaration = { ...transit, remits: ['permits'] };
    expect(anyDepartmentWith({ orgs }, ['property', 'permits'])).toBe("OR('RegistryMSP.peer')");
    expect(anyDepartmentWith({ orgs: [...orgs, transit] }, ['permits'])).toBe("OR('RegistryMSP.peer')");
    expect(anyDepartmentWith({ orgs: [...orgs, withPermits] }, ['permits'])).toBe("OR('RegistryMSP.peer', 'TransitMSP.peer')");
    expect(resolvePolicy({ orgs }, 'anyDepartmentWith(health-records, works)')).toBe("OR('HealthMSP.peer', 'PublicWorksMSP.peer')");
    expect(isPolicyForm('anyDepartmentWith(payroll)')).toBe(false);
    expect(isPolicyForm('anyDepartmentWith()')).toBe(false);
  });

  test('the declared chaincodes never name the regulator', () => {
    const chaincodesFile = path.resolve(__dirname, '..', '..', 'chaincode', 'chaincodes.yaml');
    expect(() => checkPoliciesExcludeRegulators({ orgs }, loadChaincodes(chaincodesFile), chaincodesFile)).not.toThrow();
  });
});
