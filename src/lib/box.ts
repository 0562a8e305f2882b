/** A point in flow coordinates. */
export interface Point {
  x: number;
  y: number;
}

/** A box in flow coordinates: its top-left corner and its size. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Nominal size of a service card on the canvas, in flow pixels, used until it has been measured. */
export const SERVICE_SIZE = { width: 172, height: 64 };
