/** Simulated time for people: `1.234 s` under a minute, `2:03.456` above. */
export function formatSimTime(ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < 60_000) return `${(safe / 1000).toFixed(3)} s`;
  const minutes = Math.floor(safe / 60_000);
  const seconds = (safe - minutes * 60_000) / 1000;
  return `${minutes}:${seconds.toFixed(3).padStart(6, '0')}`;
}

/** A speed as people say it: `0.25×`, `2×`, `100×`. */
export function formatSpeed(speed: number): string {
  const digits = speed < 1 ? 2 : speed < 10 ? 1 : 0;
  return `${Number(speed.toFixed(digits))}×`;
}

/** Slider position (0..1000) for a speed on a log scale from 0.1× to 100×, and back. */
export function speedToSlider(speed: number): number {
  return Math.round(((Math.log10(speed) + 1) / 3) * 1000);
}

/** The speed at a slider position, snapped to two significant digits. */
export function sliderToSpeed(position: number): number {
  const s = 10 ** ((position / 1000) * 3 - 1);
  return Number(s.toPrecision(2));
}

/** The speeds the slider's arrow keys step through (Page keys jump three rungs, about tenfold). */
export const SPEED_LADDER = [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 50, 100] as const;

/**
 * The speed `rungs` steps up (positive) or down the ladder from `speed`; a speed between two rungs
 * counts its first step to the nearer rung in that direction.
 */
export function stepSpeed(speed: number, rungs: number): number {
  const ladder = SPEED_LADDER;
  // Within a rounding error of a rung counts as on it (the slider snaps to two digits).
  const on = ladder.findIndex((s) => Math.abs(s - speed) <= s * 0.01);
  let i: number;
  if (on >= 0) i = on + rungs;
  else if (rungs > 0) i = ladder.findIndex((s) => s > speed) + rungs - 1;
  else {
    const below = ladder.findLastIndex((s) => s < speed);
    i = below + rungs + 1;
  }
  return ladder[Math.max(0, Math.min(ladder.length - 1, i))]!;
}

/** How many ladder rungs a key moves the speed slider (0: not a key it steps with). */
export function speedKeyRungs(key: string): number {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return 1;
    case 'ArrowLeft':
    case 'ArrowDown':
      return -1;
    case 'PageUp':
      return 3;
    case 'PageDown':
      return -3;
    default:
      return 0;
  }
}
