/**
 * Identity schemas (identity chaincode: `citizens`, `credentials`, `statusLists`). Every record
 * and request is declared once, in @city-ledger/domain (identity/*); this module only shapes
 * the HTTP requests and answers from them.
 */
import {
  Citizen,
  CitizenPersonalData as StoredPersonalData,
  Credential,
  CredentialDocument,
  CredentialType,
  described,
  Id,
  PersonalData,
  PresentedCredential,
  StatusList,
  StatusPurpose,
  VerificationResult,
} from '@city-ledger/domain';
import { Type } from '@sinclair/typebox';
import { Page } from './common';

export { Citizen, Credential, CredentialDocument, CredentialType, PresentedCredential, StatusList, StatusPurpose, VerificationResult };

/** POST /v1/citizens: the ID and the personal data (private; the gateway adds a salt). */
export const RegisterCitizenBody = Type.Object({ id: Citizen.properties.id, ...PersonalData.properties }, { additionalProperties: false });

/** GET /v1/citizens/:id/personal-data (members of the registering department's collection only). */
export const CitizenPersonalData = StoredPersonalData;

export const CredentialPage = Page(Credential);

export const StatusListParams = Type.Object({ issuer: described(Id, 'MSP ID of an issuing department'), purpose: StatusPurpose }, { additionalProperties: false });
