let calmQuery: MediaQueryList | null | undefined;

/** Whether the person asked the system for less motion (the query is made once and then watched). */
export function prefersReducedMotion(): boolean {
  if (calmQuery === undefined)
    calmQuery =
      typeof window === 'undefined'
        ? null
        : (window.matchMedia?.('(prefers-reduced-motion: reduce)') ?? null);
  return calmQuery?.matches ?? false;
}

/** An animation's length, or 0 when the person asked the system for reduced motion. */
export function motionMs(ms: number): number {
  return prefersReducedMotion() ? 0 : ms;
}
