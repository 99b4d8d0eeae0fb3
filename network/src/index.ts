export * from './orgFile';
export * from './consortium';
export * from './layout';
export * from './configtx';
export * from './chaincodes';
export * from './policies';
export * from './nodeEnvironments';
export * from './runtimeFiles';
