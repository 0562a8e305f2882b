/**
 * Above this many characters some chat tools and mail clients cut links. Apart from link.ts so the
 * first screen can know it without loading the link codec.
 */
export const LONG_LINK_CHARS = 8_000;
