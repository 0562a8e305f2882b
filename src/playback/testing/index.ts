/** Test doubles for the playback: a fake clock and engine, a held-replies host, a small diagram. Only tests import these. */
export * from './fakeClock';
export * from './fakeEngine';
export * from './heldReplies';
export * from './testDiagram';
