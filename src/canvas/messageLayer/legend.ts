/*
 * The message legend, shared by the canvas and the legend panel. Its single source is
 * src/playback/legend.ts, because src/panels may not import src/canvas (lint boundary).
 */
export * from '../../playback/legend';
