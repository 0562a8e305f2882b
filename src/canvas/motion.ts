/** An animation's length, or 0 when the person asked the system for reduced motion. */
export function motionMs(ms: number): number {
  const reduce =
    typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  return reduce ? 0 : ms;
}
