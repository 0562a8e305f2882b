import type { Diagram } from '../model/schema';
import type { LinkError } from './link';
import { decodeLink } from './link';
import type { RecentDiagrams, RecentEntry } from './recent';

export type OpenLinkResult =
  | {
      ok: true;
      diagram: Diagram;
      autoplay: boolean;
      /** Where the person's own diagram went; `kept: false` means it could not be stored, so don't autosave over it. */
      previous: { kept: true; entry: RecentEntry | null } | { kept: false; message: string };
    }
  | { ok: false; error: LinkError };

/**
 * Opens a shared link without losing anything: the person's own diagram goes to the recent list
 * first, and a link that can't be read leaves storage exactly as it was.
 */
export function openSharedLink(
  fragmentOrUrl: string,
  current: Diagram | null,
  recent: RecentDiagrams,
): OpenLinkResult {
  const decoded = decodeLink(fragmentOrUrl);
  if (!decoded.ok) return decoded;
  const isEmpty = !current || (current.services.length === 0 && current.notes.length === 0);
  if (isEmpty) return { ...decoded, previous: { kept: true, entry: null } };
  const saved = recent.save(current);
  return {
    ...decoded,
    previous: saved.ok
      ? { kept: true, entry: saved.value }
      : { kept: false, message: `${saved.message} Your own diagram is still open in storage.` },
  };
}
