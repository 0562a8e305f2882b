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
