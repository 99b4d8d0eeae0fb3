/** Every resource the gateway serves, in the order the OpenAPI document lists them. */
import type { Resource } from '../http/route';
import { carbonResource } from './carbon';
import { citizensResource } from './citizens';
import { budgetResource, councilResource } from './governance';
import { credentialsResource } from './credentials';
import { devicesResource } from './devices';
import { energyResource } from './energy';
import { ledgerResource } from './ledger';
import { meResource } from './me';
import { materialsResource } from './materials';
import { permitsResource } from './permits';
import { propertyResource } from './property';
import { shipmentsResource } from './shipments';
import { vitalResource } from './vital';
import { wasteResource } from './waste';

export const RESOURCES: readonly Resource[] = [
  propertyResource,
  vitalResource,
  permitsResource,
  citizensResource,
  credentialsResource,
  shipmentsResource,
  wasteResource,
  materialsResource,
  budgetResource,
  councilResource,
  devicesResource,
  energyResource,
  carbonResource,
  ledgerResource,
  meResource,
];
