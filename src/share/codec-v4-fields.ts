import type { SchemaFields } from '../model/schema-shape';
import { FIELDS_V3 } from './codec-v3-fields';

/**
 * Every diagram field link format 4 carries: format 3's (its payload is written unchanged around the
 * new section) plus the diagram's breakpoints, and model version 3.
 * FROZEN with the format (see codec-v1-fields.ts and "Link format guard" in LINK-FORMAT.md).
 */
export const FIELDS_V4 = {
  ...FIELDS_V3,
  version: { type: 'literal', options: [3], default: 3 },
  breakpoints: { type: 'array', default: [] },
  'breakpoints[]': { type: 'object' },
  'breakpoints[].id': { type: 'string' },
  'breakpoints[].kind': {
    type: 'enum',
    options: [
      'circuit-open',
      'saga-compensated',
      'saga-stuck',
      'dead-letter',
      'queue-depth',
      'slow-request',
      'objective-missed',
      'time',
    ],
  },
  'breakpoints[].enabled': { type: 'boolean', default: true },
  'breakpoints[].target': { type: 'string', default: '' },
  'breakpoints[].value': { type: 'number', default: 0 },
} as const satisfies SchemaFields;
