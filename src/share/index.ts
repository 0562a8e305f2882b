export * from './link';
export * from './json';
export * from './image';
export * from './comparisonLink';
