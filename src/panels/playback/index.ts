export { TimeControls } from './TimeControls';
export type { TimeControlsProps } from './TimeControls';
export { Legend } from './Legend';
export type { LegendProps } from './Legend';
export { EnvelopePanel, EnvelopeDetails } from './EnvelopePanel';
export type { EnvelopePanelProps, EnvelopeDetailsProps } from './EnvelopePanel';
export { formatSimTime, formatSpeed, speedToSlider, sliderToSpeed } from './format';
