import { LIMITS, type Diagram } from '../model/schema';
import type { DecodedPayload } from './codec-v1-decode';
import { decodeV1Body, readerOf } from './codec-v1-decode';
import { encodeV2, readStringTableV2 } from './codec-v2';
import { FIELDS_V3 } from './codec-v3-fields';
import { checkCount } from './limits';
import { ByteReader, ByteWriter, PayloadShapeError } from './varint';

/**
 * Link format 3: format 2's payload with one section more, the clients' objectives (model version 2),
 * between the string table and format 1's records:
 *
 * - varint: how many services have an objective; then for each, in service order:
 *   varint service position (strictly increasing), a mask (bit 0 window differs from the default,
 *   bit 1 percentile differs, bit 2 latency target present, bit 3 success target present), then the
 *   values whose bits are set: window (num), percentile (index in the table), latency ms (num),
 *   success share (num).
 *
 * Same dictionary as format 2. FROZEN once released, like codec-v1.ts and codec-v2.ts.
 */
export const FORMAT_3 = 3;

const PERCENTILES: readonly string[] = FIELDS_V3['services[].objective.percentile'].options;
const DEFAULT_WINDOW: number = FIELDS_V3['services[].objective.windowMs'].default;
const DEFAULT_PERCENTILE: string = FIELDS_V3['services[].objective.percentile'].default;
const WINDOW = 1;
const PERCENTILE = 2;
const LATENCY = 4;
const SUCCESS = 8;

/** The format-3 bytes of `diagram` (before deflate). */
export function encodeV3(diagram: Diagram, autoplay: boolean): Uint8Array {
  const v2 = encodeV2(diagram, autoplay);
  const tableReader = new ByteReader(v2);
  readStringTableV2(tableReader);
  const tableEnd = tableReader.offset;
  const out = new ByteWriter();
  out.raw(v2.subarray(0, tableEnd));
  const withObjective = diagram.services.flatMap((s, i) => (s.objective ? [[i, s.objective] as const] : []));
  out.uint(withObjective.length);
  for (const [index, o] of withObjective) {
    out.uint(index);
    const mask =
      (o.windowMs !== DEFAULT_WINDOW ? WINDOW : 0) +
      (o.percentile !== DEFAULT_PERCENTILE ? PERCENTILE : 0) +
      (o.latencyMs !== undefined ? LATENCY : 0) +
      (o.success !== undefined ? SUCCESS : 0);
    out.uint(mask);
    if (mask & WINDOW) out.num(o.windowMs);
    if (mask & PERCENTILE) out.choice(PERCENTILES, o.percentile, 'services[].objective.percentile', FORMAT_3);
    if (o.latencyMs !== undefined) out.num(o.latencyMs);
    if (o.success !== undefined) out.num(o.success);
  }
  out.raw(v2.subarray(tableEnd));
  return out.finish();
}

type RawObjective = Record<string, unknown>;

/** Reads format-3 bytes back into model-version-2 diagram JSON. */
export function decodeV3(input: Uint8Array | ByteReader): DecodedPayload {
  const r = readerOf(input);
  const strings = readStringTableV2(r);
  const objectives = readObjectives(r);
  const decoded = decodeV1Body(r, strings);
  applyObjectives(decoded, objectives);
  decoded.raw.version = 2;
  return decoded;
}

/** Puts the objectives section's objectives on their services (format 4 reads them as format 3 does). */
export function applyObjectives(decoded: DecodedPayload, objectives: Array<[number, RawObjective]>): void {
  const services = decoded.raw.services as Array<Record<string, unknown>>;
  for (const [index, objective] of objectives) {
    const service = services[index];
    if (!service) throw new PayloadShapeError(`an objective names service ${index + 1}, which is not there`);
    service.objective = objective;
  }
}

/** The objectives section: service positions (increasing) with their objectives. */
export function readObjectives(r: ByteReader): Array<[number, RawObjective]> {
  const count = r.uint();
  checkCount(count, LIMITS.services, 'services', 'services');
  const out: Array<[number, RawObjective]> = [];
  let previous = -1;
  for (let i = 0; i < count; i++) {
    const index = r.uint();
    if (index <= previous) throw new PayloadShapeError('objectives are not in service order');
    previous = index;
    const mask = r.uint();
    if (mask >= 16) throw new PayloadShapeError('an objective has fields this format does not have');
    const objective: RawObjective = {
      windowMs: mask & WINDOW ? r.num() : DEFAULT_WINDOW,
      percentile: mask & PERCENTILE ? percentile(r.uint()) : DEFAULT_PERCENTILE,
    };
    if (mask & LATENCY) objective.latencyMs = r.num();
    if (mask & SUCCESS) objective.success = r.num();
    out.push([index, objective]);
  }
  return out;
}

function percentile(index: number): string {
  const value = PERCENTILES[index];
  if (value === undefined) throw new PayloadShapeError(`percentile ${index} is not in the table`);
  return value;
}
