import { asyncRequestReply } from './entries/asyncRequestReply';
import { choreographedSaga } from './entries/choreographedSaga';
import { downThenBreaker } from './entries/downThenBreaker';
import { eventEnvelope } from './entries/eventEnvelope';
import { eventFanOut } from './entries/eventFanOut';
import { orchestratedSaga } from './entries/orchestratedSaga';
import { poisonMessages } from './entries/poisonMessages';
import { queueBacklog } from './entries/queueBacklog';
import { queueReply } from './entries/queueReply';
import { queueVsTopic } from './entries/queueVsTopic';
import { restVsGrpc } from './entries/restVsGrpc';
import { retriesDuplicates } from './entries/retriesDuplicates';
import { slowDependency } from './entries/slowDependency';
import { syncChain } from './entries/syncChain';
import type { GalleryEntry, GalleryId } from './types';

export * from './types';

/** The gallery, in the order it is shown (simple to advanced, as the issue lists them). */
export const GALLERY: readonly GalleryEntry[] = [
  syncChain,
  slowDependency,
  downThenBreaker,
  restVsGrpc,
  queueReply,
  queueVsTopic,
  eventFanOut,
  eventEnvelope,
  asyncRequestReply,
  choreographedSaga,
  orchestratedSaga,
  retriesDuplicates,
  queueBacklog,
  poisonMessages,
];

/** The entry with `id`, or undefined. */
export function galleryEntry(id: string): GalleryEntry | undefined {
  return GALLERY.find((entry) => entry.id === (id as GalleryId));
}
