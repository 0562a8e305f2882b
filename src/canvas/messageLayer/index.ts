export { MessageLayer } from './MessageLayer';
export type { MessageLayerProps } from './MessageLayer';
export { MessageRenderer } from './renderer';
export { EFFECT_WALL_MS } from './effectMarks';
export type { DrawOptions, NodeBoxLookup, ViewTransform } from './renderer';
export { edgeLanes, laneForIndex } from './lanes';
