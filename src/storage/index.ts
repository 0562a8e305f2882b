/** The browser's storage of diagrams: the autosaved one, Recent, the open document's session, link opening. */
export * from './storage';
export * from './recent';
export * from './session';
export * from './open-link';
export * from './memory-store';
