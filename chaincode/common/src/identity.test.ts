import { activeConsortium } from './activeConsortium';
import { departmentMsps, regulatorMsps } from '@city-ledger/domain';
import { caller, callerMsp, callerRole, isRegulator, remitHolders, requireDepartment, requireGrant, requireMsp, requireRemit, requireRole, requireWriter } from './identity';
import { Remit } from '@city-ledger/domain';
import { Role } from '@city-ledger/domain';
import { FakeLedger, Msp, type FakeCaller } from './testing';

const ledger = new FakeLedger();
const ctxOf = (who: FakeCaller) => ledger.context(who);

const clerk = ctxOf({ msp: Msp.Registry, role: Role.Clerk, name: 'alice' });
const noRole = ctxOf({ msp: Msp.Health });
const auditor = ctxOf({ msp: Msp.Auditor, role: Role.Auditor });

describe('orgs', () => {
  it('separates departments from regulators', () => {
    expect(departmentMsps(activeConsortium()).sort()).toEqual(['HealthMSP', 'PublicWorksMSP', 'RegistryMSP']);
    expect(regulatorMsps(activeConsortium())).toEqual(['AuditorMSP']);
  });
});

describe('caller info', () => {
  it('reads MSP, role attribute and ID', () => {
    expect(callerMsp(clerk)).toBe('RegistryMSP');
    expect(callerRole(clerk)).toBe('clerk');
    expect(callerRole(noRole)).toBeUndefined();
    expect(caller(clerk)).toEqual({ msp: 'RegistryMSP', role: 'clerk', id: clerk.clientIdentity.getID() });
    expect(clerk.clientIdentity.getID()).toContain('CN=alice');
  });

  it('treats an empty role attribute as none', () => {
    expect(callerRole(ctxOf({ msp: Msp.Health, attributes: { 'city.role': '' } }))).toBeUndefined();
  });

  it('knows regulators', () => {
    expect(isRegulator(auditor)).toBe(true);
    expect(isRegulator(clerk)).toBe(false);
  });
});

describe('guards', () => {
  it('requireMsp', () => {
    expect(requireMsp(clerk, [Msp.Registry, Msp.Health])).toBe('RegistryMSP');
    expect(() => requireMsp(noRole, [Msp.Registry])).toThrow('FORBIDDEN: organization HealthMSP is not allowed');
  });

  it('requireRole', () => {
    expect(requireRole(clerk, [Role.Clerk])).toBe('clerk');
    expect(() => requireRole(clerk, [Role.Registrar])).toThrow('FORBIDDEN: role clerk is not allowed');
    expect(() => requireRole(noRole, [Role.Officer])).toThrow('FORBIDDEN: caller has no city.role attribute');
  });

  it('requireWriter refuses regulators before anything else', () => {
    expect(() => requireWriter(auditor, [Msp.Auditor], [Role.Auditor])).toThrow(
      'FORBIDDEN: regulators are read-only',
    );
  });

  it('requireWriter checks MSP, then role when given', () => {
    expect(requireWriter(clerk, [Msp.Registry], [Role.Clerk])).toEqual(caller(clerk));
    expect(requireWriter(noRole, [Msp.Health])).toMatchObject({ msp: 'HealthMSP', role: undefined });
    expect(() => requireWriter(noRole, [Msp.Registry])).toThrow(/^FORBIDDEN: organization/);
    expect(() => requireWriter(clerk, [Msp.Registry], [Role.Registrar])).toThrow(/^FORBIDDEN: role/);
  });

  it('requireGrant grants by remit, with the roles of the remits the caller holds', () => {
    const officer = ctxOf({ msp: Msp.PublicWorks, role: Role.Officer });
    const grants = { [Remit.Permits]: [Role.Clerk], [Remit.Works]: [Role.Officer] };
    expect(requireGrant(clerk, grants)).toEqual(caller(clerk));
    expect(requireGrant(officer, grants)).toMatchObject({ msp: 'PublicWorksMSP' });
    expect(() => requireGrant(officer, { [Remit.Permits]: [Role.Officer] })).toThrow('FORBIDDEN: organization PublicWorksMSP holds none of the remits permits');
    expect(() => requireGrant(clerk, { [Remit.Permits]: [Role.Registrar] })).toThrow(/^FORBIDDEN: role clerk/);
    expect(() => requireGrant(auditor, grants)).toThrow('FORBIDDEN: regulators are read-only');
  });

  it('requireRemit and requireDepartment follow the consortium descriptor', () => {
    expect(remitHolders([Remit.HealthRecords, Remit.VitalRecords])).toEqual(['HealthMSP', 'RegistryMSP']);
    expect(requireRemit(clerk, [Remit.Property])).toEqual(caller(clerk));
    expect(() => requireRemit(noRole, [Remit.Property])).toThrow(/^FORBIDDEN: organization HealthMSP/);
    expect(requireDepartment(noRole)).toMatchObject({ msp: 'HealthMSP' });
    expect(() => requireDepartment(auditor)).toThrow('FORBIDDEN: regulators are read-only');
  });
});
