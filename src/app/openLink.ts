import { errorLines } from '../model/diagramErrors';
import type { DecodeLinkResult, LinkError } from '../share/link';
import { openDecodedLink } from '../storage';
import type { AppStore } from '../store';
import { formatKey } from './keys';
import { decodeLinkThen } from './linkDecoder';
import { linkErrorTitle, type LinkOpened } from './links';
import { autosaveGuard, keepOpenDiagram } from './persistence';

// Reading a link and opening it in place of the person's diagram, which goes to Recent first: with
// the storage code (persistenceChunk.ts), not in the first script (issue 10). links.ts's openLink
// is the way in.

/**
 * Reads link `text` (a long one off the main thread) and opens it while `latest()` says no newer link
 * was asked for; see links.ts's openLink.
 */
export function readAndOpenLink(
  store: AppStore,
  text: string,
  latest: () => boolean,
  onOpened: (r: LinkOpened) => void,
  beforeOpen: () => void,
): void {
  decodeLinkThen(text, (decoded) => {
    if (!latest()) return;
    // Only a link that reads: a broken one leaves everything (a presentation too) as it was.
    if (decoded.ok) beforeOpen();
    onOpened(applyLink(store, decoded));
  });
}

/** Tells the person what is wrong with a link, in the interface. */
export function reportLinkError(store: AppStore, error: LinkError) {
  store.getState().notify({
    tone: 'error',
    title: linkErrorTitle(error.code),
    detail: `${error.message} Nothing of yours was changed.`,
    lines: errorLines(error.details ?? []),
  });
}

function applyLink(store: AppStore, decoded: DecodeLinkResult): LinkOpened {
  const st = store.getState();
  const r = openDecodedLink(decoded, st.diagram, { keep: keepOpenDiagram });
  if (!r.ok) {
    reportLinkError(store, r.error);
    return { opened: false, autoplay: false, present: false };
  }
  if (!r.previous.kept) autosaveGuard.paused = true;
  st.replaceDiagram(r.diagram, { undoable: false, start: { origin: 'link' } });
  // A comparison link (issue 12) brings its variant B back beside A.
  if (r.variant) st.openComparison(r.variant);
  const title = `Opened “${r.diagram.name}” from a link`;
  if (!r.previous.kept) {
    st.notify({
      tone: 'warning',
      title,
      detail: `${r.previous.message} Autosave is paused so your saved diagram is not overwritten.`,
    });
  } else {
    const entry = r.previous.entry;
    st.notify({
      tone: 'success',
      title,
      detail: r.previous.same
        ? 'It was already open here.'
        : entry
          ? `The diagram you had, “${entry.name}”, is in Recent diagrams (${formatKey('mod+o')}).`
          : undefined,
    });
  }
  return { opened: true, autoplay: r.autoplay, present: r.present ?? false };
}
