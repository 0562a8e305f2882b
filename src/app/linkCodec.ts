import type * as LinkModule from '../share/link';
import type { DecodeLinkResult } from '../share/link';

type LinkCodec = typeof LinkModule;

/**
 * The link codec (share/link.ts: every link format's reader, the writer and fflate, about 20 kB
 * gzipped) is not in the first script: a page opened without a link does not need it until a link
 * is opened or made. main.tsx loads it before the first draw when the address holds a link, so
 * such a link still opens before anything is drawn.
 */
let loaded: LinkCodec | null = null;
let loading: Promise<LinkCodec> | null = null;

/** Loads the link codec (once; a failed load, e.g. offline before caching, is tried again next time). */
export function loadLinkCodec(): Promise<LinkCodec> {
  loading ??= import('../share/link').then(
    (codec) => (loaded = codec),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The link codec if it has loaded, else null. */
export function linkCodecIfLoaded(): LinkCodec | null {
  return loaded;
}

/** What opening a link says when the codec itself could not be loaded. */
export function codecUnavailable(error: unknown): DecodeLinkResult {
  return {
    ok: false,
    error: {
      code: 'corrupt',
      message:
        `Microsim could not load its link reader (${String((error as Error)?.message ?? error)}). ` +
        'Check the connection, reload the page and open the link again.',
    },
  };
}

/** Decodes `text` with the codec, loading it first if needed; never rejects. */
export function decodeLinkLoaded(text: string): Promise<DecodeLinkResult> {
  return loadLinkCodec().then(
    (codec) => codec.decodeLink(text),
    (error: unknown) => codecUnavailable(error),
  );
}
