export * from './schema';
export * from './parse';
export * from './migrations';
export * from './defaults';
export * from './graph';
export * from './depth';
export * from './faultKinds';
