import type { Diagram } from '../model/schema';
import type { LinkError } from '../share/link';
import type { AppStore } from '../store';
import { linkCodecIfLoaded } from './linkCodec';
import { withPersistence } from './persistenceLoader';

/** Where the app was opened: the editor, or the read-only embed; with a shared link or not. */
export interface Route {
  embed: boolean;
  link: string | null;
}

const EMBED_PREFIX = '#/embed/';

/** What the embed could not show: its link's problem, shown in place of the diagram. */
export const embedProblem: { error: LinkError | null } = { error: null };

/** Reads the route from a URL fragment (`#m1.…` a link, `#/embed/m1.…` an embedded link). */
export function parseRoute(hash: string): Route {
  if (hash.startsWith(EMBED_PREFIX)) return { embed: true, link: hash.slice(EMBED_PREFIX.length) || null };
  const body = hash.replace(/^#\/?/, '');
  return { embed: false, link: body ? body : null };
}

/** The page's address without its fragment. */
export function baseUrl(): string {
  return `${location.origin}${location.pathname}${location.search}`;
}

/** The address that opens an encoded diagram (`m1.…`, from encodeLink) in the editor. */
export function editorUrl(payload: string): string {
  return `${baseUrl()}#${payload}`;
}

/** The address that shows an encoded diagram (`m1.…`, from encodeLink) in the read-only embed. */
export function embedUrl(payload: string): string {
  return `${baseUrl()}${EMBED_PREFIX}${payload}`;
}

/**
 * A link that opens `d` in the editor, once the link codec has loaded (main.tsx loads it before the
 * embed, the one caller, draws); without it, the editor's plain address.
 */
export function editorLink(d: Diagram): string {
  const codec = linkCodecIfLoaded();
  return codec ? editorUrl(codec.encodeLink(d)) : baseUrl();
}

const TITLES: Record<LinkError['code'], string> = {
  truncated: 'This link is incomplete',
  corrupt: 'This link is damaged',
  'future-version': 'This link is from a newer Microsim',
  'not-a-link': 'This is not a Microsim link',
  'invalid-diagram': 'The diagram in this link has problems',
};

/** A short title for what is wrong with a link. */
export function linkErrorTitle(code: LinkError['code']): string {
  return TITLES[code];
}

/** What opening a link gave: whether it opened, and whether it asks to start playing or presenting. */
export interface LinkOpened {
  opened: boolean;
  autoplay: boolean;
  present: boolean;
}

/** The latest link asked to open: an older one that finishes reading later is dropped. */
let latestLink = 0;

/**
 * Opens a shared link in the editor; `onOpened` hears whether it opened and asked to start playing.
 * A long link is read off the main thread (linkDecoder.ts), the person's diagram staying meanwhile.
 * Their own diagram goes to Recent diagrams first; a bad link changes nothing and says what is wrong.
 * `beforeOpen` runs once the link has been read and before it replaces anything. The reading and
 * opening (openLink.ts) come with the storage code, which keeps the person's diagram: at once when
 * it is in, as it is when the page was opened on a link.
 */
export function openLink(
  store: AppStore,
  text: string,
  onOpened: (r: LinkOpened) => void = () => {},
  beforeOpen: () => void = () => {},
): void {
  const ticket = ++latestLink;
  const latest = () => ticket === latestLink;
  withPersistence(
    (p) => p.readAndOpenLink(store, text, latest, onOpened, beforeOpen),
    () => {
      store.getState().notify({
        tone: 'error',
        title: 'The link could not be opened',
        detail:
          'Part of Microsim did not load (what keeps your diagram first). Reload the page to try again.',
      });
      onOpened({ opened: false, autoplay: false, present: false });
    },
  );
}
