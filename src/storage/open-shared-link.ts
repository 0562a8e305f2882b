import type { Diagram } from '../model/schema';
import { decodeLink } from '../share/link';
import { openDecodedLink, type Keeper, type OpenLinkResult } from './open-link';

// Not re-exported by storage/index.ts: the app opens links already decoded (openDecodedLink), and
// this import of the link codec would put it back into the first script.

/**
 * Opens a shared link without losing anything: the person's own diagram goes to the recent list
 * first, and a link that can't be read leaves storage exactly as it was.
 */
export function openSharedLink(
  fragmentOrUrl: string,
  current: Diagram | null,
  keeper: Keeper,
): OpenLinkResult {
  return openDecodedLink(decodeLink(fragmentOrUrl), current, keeper);
}
