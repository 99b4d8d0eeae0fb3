/**
 * What `GetMetadata` describes for the identity contracts' `@Returns`: the domain's schemas,
 * by name. A credential's `schema` and `issuer`, and a page's items, are references to the
 * named components, as clients of the metadata have always seen them.
 *
 * @example
 * ```ts
 * import './components';   // once, before the contracts are described
 * ```
 */
import { declareComponents } from '@city-ledger/chaincode-common';
import {
  Citizen,
  CitizenPersonalData,
  Credential,
  CredentialIssuer,
  Page,
  SchemaRef,
  StatusList,
  VerificationResult,
} from '@city-ledger/domain';
import { Type } from '@sinclair/typebox';

/** A reference to the component `name`. */
const ref = (name: string) => Type.Unsafe({ $ref: name });

declareComponents({
  Citizen,
  CitizenPersonalData,
  CredentialSchema: SchemaRef,
  CredentialIssuer,
  Credential: Type.Object({ ...Credential.properties, schema: ref('CredentialSchema'), issuer: ref('CredentialIssuer') }, { additionalProperties: false }),
  CredentialPage: Page(ref('Credential')),
  StatusList,
  VerificationResult,
});
