/** Every resource the gateway serves, in the order the OpenAPI document lists them. */
import type { Resource } from '../http/route';
import { propertyResource } from './property';
import { vitalResource } from './vital';

export const RESOURCES: readonly Resource[] = [propertyResource, vitalResource];
