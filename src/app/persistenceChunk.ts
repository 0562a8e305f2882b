/**
 * What loadPersistence (persistenceLoader.ts) loads, as one module: the device's storage of
 * diagrams (persistence.ts over src/storage), what a crash keeps and restores (crash.ts), opening a
 * link in place of the person's diagram (openLink.ts), and the loader of the diagram reader.
 */
export * from './persistence';
export * from './crash';
export { readAndOpenLink } from './openLink';
export { diagramReaderLoaded, loadDiagramReader } from '../storage';
