import type { SchemaFields } from '../model/schema-shape';
import { FIELDS_V5 } from './codec-v5-fields';

/**
 * Every diagram field link format 6 carries: format 5's plus which panels a scene shows, and model
 * version 5. FROZEN with the format (see codec-v1-fields.ts and "Link format guard" in LINK-FORMAT.md).
 */
export const FIELDS_V6 = {
  ...FIELDS_V5,
  version: { type: 'literal', options: [5], default: 5 },
  'scenes[].panels': { type: 'object', optional: true },
  'scenes[].panels.metrics': { type: 'boolean', default: false },
  'scenes[].panels.log': { type: 'enum', options: ['log', 'trace'], nullable: true, default: null },
} as const satisfies SchemaFields;
