import type { Diagram } from '../model/schema';

/** The patterns the gallery is sorted by (its tag filter shows them in this order). */
export const GALLERY_TAGS = [
  'sync',
  'resilience',
  'protocols',
  'queue',
  'topic',
  'events',
  'request-reply',
  'saga',
  'idempotency',
] as const;
export type GalleryTag = (typeof GALLERY_TAGS)[number];

/** Every entry's id: the claim proofs are a record over these, so no entry ships unproven. */
export const GALLERY_IDS = [
  'sync-chain',
  'slow-dependency',
  'down-then-breaker',
  'rest-vs-grpc',
  'queue-reply',
  'queue-vs-topic',
  'event-fan-out',
  'event-envelope',
  'async-request-reply',
  'choreographed-saga',
  'orchestrated-saga',
  'retries-duplicates',
  'queue-backlog',
  'poison-messages',
] as const;
export type GalleryId = (typeof GALLERY_IDS)[number];

/** One moment of a run worth looking at: the gallery seeks the run there and selects `focus`. */
export interface WatchStep {
  /** Simulated time to seek to, in ms. */
  atMs: number;
  text: string;
  /** Services or edges to select (so the inspector and the canvas show them). */
  focus?: string[];
}

/** Which answer of the decision guide an entry demonstrates. */
export type Recommendation = 'rest' | 'grpc' | 'queue' | 'topic' | 'saga';

/** A gallery scenario: a runnable diagram (faults, seed, speed, camera in it) and what it teaches. */
export interface GalleryEntry {
  id: GalleryId;
  title: string;
  tags: GalleryTag[];
  /** A paragraph in plain words: what the diagram is and what happens when it runs. */
  explanation: string;
  /** 2–4 moments, in time order. */
  watch: WatchStep[];
  /** One sentence the engine proves in `claims.test.ts` (see `claims.ts`). */
  claim: string;
  /** The decision guide's answer this entry shows at work. */
  demonstrates: Recommendation;
  diagram: Diagram;
}
