export * from './link';
export * from './json';
export * from './storage';
export * from './recent';
export * from './open-link';
export * from './memory-store';
export * from './image';
export * from './session';
