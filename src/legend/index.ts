/** How every message look and effect is drawn, shared by the canvas and the panels. */
export * from './legend';
