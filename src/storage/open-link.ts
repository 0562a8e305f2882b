import type { Diagram } from '../model/schema';
import type { DecodeLinkResult, LinkError } from '../share/link';
import type { RecentEntry } from './recent';
import type { KeepResult } from './session';
import { diagramFingerprint } from './storage';

export type OpenLinkResult =
  | {
      ok: true;
      diagram: Diagram;
      autoplay: boolean;
      /** Open straight into presenting, on scene 1 (the Share dialog's option). */
      present?: boolean;
      /** A comparison link's variant B (share/variantDiff.ts). */
      variant?: Diagram;
      /**
       * Where the person's own diagram went. `same`: it already is the link's diagram (opened twice),
       * so nothing new was filed; `kept: false`: it could not be stored, so don't autosave over it.
       */
      previous: { kept: true; entry: RecentEntry | null; same?: boolean } | { kept: false; message: string };
    }
  | { ok: false; error: LinkError };

/** What keeps the open diagram before a link replaces it (a DocumentSession). */
export interface Keeper {
  keep(d: Diagram): KeepResult;
}

/** openSharedLink (open-shared-link.ts) for a link already decoded (in a worker): keeps `current`, then gives the link's diagram. */
export function openDecodedLink(
  decoded: DecodeLinkResult,
  current: Diagram | null,
  keeper: Keeper,
): OpenLinkResult {
  if (!decoded.ok) return decoded;
  if (current && diagramFingerprint(current) === diagramFingerprint(decoded.diagram)) {
    return { ...decoded, previous: { kept: true, entry: null, same: true } };
  }
  const saved = current ? keeper.keep(current) : ({ ok: true, entry: null } as const);
  return {
    ...decoded,
    previous: saved.ok
      ? { kept: true, entry: saved.entry }
      : { kept: false, message: `${saved.message} Your own diagram is still open in storage.` },
  };
}
