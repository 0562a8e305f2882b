export { compareRuns } from './compare';
export { faultWindows, successDuring, figureRow, SAME_WITHIN } from './figures';
export { formatValue, formatDifference, formatWinner } from './format';
export { verdictLine, isNotable, NOTABLE } from './verdict';
export type * from './types';
export { comparisonRuns, type ComparisonRuns } from './variants';
export { designChanges, type DesignChange, type ChangeKind } from './changes';
