export { MessageLayer } from './MessageLayer';
export type { MessageLayerProps } from './MessageLayer';
export { MessageRenderer, EFFECT_WALL_MS } from './renderer';
export type { DrawOptions, NodeBoxLookup, ViewTransform } from './renderer';
export { edgeLanes, laneForIndex } from './lanes';
