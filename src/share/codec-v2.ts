import type { Diagram } from '../model/schema';
import { encodeV1 } from './codec-v1';
import type { DecodedPayload } from './codec-v1-decode';
import { decodeV1Body, readerOf, utf8 } from './codec-v1-decode';
import { DICTIONARY_V1 } from './codec-v1-tables';
import { checkTextBytes, checkTextCount, textTooLong, MAX_TEXT_BYTES } from './limits';
import { ByteReader, ByteWriter } from './varint';

/**
 * Link format 2: format 1's records as they are, with the string table written as NUL-terminated
 * texts instead of length-prefixed ones, and a larger preset dictionary whose names are NUL-separated
 * too. Both let deflate match whole names ("Order Service\0") against the dictionary and each other:
 * about 8% shorter links than format 1.
 *
 * - Payload: varint `count * 2 + table`, then either (`table` 0) `count` texts each ending in a NUL
 *   byte, or (`table` 1, when some text contains NUL) format 1's length-prefixed table; then the
 *   format-1 body (flags, diagram, services, … as codec-v1.ts writes them).
 *
 * FROZEN once released, like codec-v1.ts: the table layout and the dictionary are the format.
 */
export const FORMAT_2 = 2;

const NAMES = [
  ...['Web Client', 'Mobile App', 'API Gateway', 'Gateway', 'Order Service', 'Orders', 'Payment Service'],
  ...['Payments', 'Bank API', 'Bank', 'Inventory', 'Email', 'Notification', 'Shipping', 'Billing'],
  ...['Catalog', 'Cache', 'Database', 'DB', 'External API', 'Orchestrator', 'Analytics', 'Loyalty'],
  ...['Warehouse', 'Courier', 'Supplier', 'Reservations', 'Search', 'Pricing', 'Customer', 'Fraud'],
  ...['Auth', 'Users', 'Cart', 'Checkout', 'Invoice', 'GET /orders', 'POST /orders', 'POST /payments'],
  ...['POST /charges', 'GET /catalog', 'GET /items', 'OrderPlaced', 'OrderCreated', 'PaymentCompleted'],
  ...['PaymentFailed', 'ChargeCard', 'Charge', 'Authorize', 'Capture', 'Refund', 'Void', 'Reserve'],
  ...['Release', 'Cancel', 'Ship', 'Create', 'Book', 'Confirm', 'Undo', 'orders', 'payments'],
  ...['order-events', 'invoices', 'replies', 'jobs', 'events', 'checkout', 'Web', 'Mobile'],
  ...['Inventory Service', 'Shipping Service', 'Email Service', 'Notification Service', 'Billing Service'],
  ...['User Service', 'Auth Service', 'Search Service', 'Pricing Service', 'Catalog Service', 'Fraud Check'],
  ...['Payment Gateway', 'Message Broker', 'Event Bus', 'Kafka', 'RabbitMQ', 'Redis', 'Postgres', 'S3'],
  ...['Stripe', 'Worker', 'Scheduler', 'Image Worker', 'Thumbnail', 'Resize', 'ResizeImage', 'SendEmail'],
  ...['EmailSent', 'OrderShipped', 'OrderCancelled', 'PaymentReceived', 'InventoryReserved'],
  ...['ReserveStock', 'ReleaseStock', 'RefundPayment', 'CancelOrder', 'ShipOrder', 'CreateInvoice'],
  ...['BookCourier', 'CancelCourier', 'StockLow', 'GET /users', 'POST /users', 'GET /products'],
  ...['POST /login', 'POST /checkout', 'PUT /orders', 'DELETE /orders', 'notifications', 'shipments'],
  ...['emails', 'images', 'dead-letter'],
];

/** Format 1's dictionary followed by common names, each ending in NUL as in the string table. */
export const DICTIONARY_V2 = new Uint8Array([
  ...DICTIONARY_V1,
  ...new TextEncoder().encode(`\0${NAMES.join('\0')}\0`),
]);

const TABLE_NUL = 0;
const TABLE_LENGTHS = 1;

/** The format-2 bytes of `diagram` (before deflate). */
export function encodeV2(diagram: Diagram, autoplay: boolean): Uint8Array {
  const v1 = encodeV1(diagram, autoplay, FORMAT_2);
  const r = new ByteReader(v1);
  const count = r.uint();
  const tableStart = r.offset;
  const texts = Array.from({ length: count }, () => r.take(r.uint()));
  const out = new ByteWriter();
  if (texts.some((t) => t.includes(0))) {
    out.uint(count * 2 + TABLE_LENGTHS);
    out.raw(v1.subarray(tableStart));
    return out.finish();
  }
  out.uint(count * 2 + TABLE_NUL);
  for (const t of texts) {
    out.raw(t);
    out.raw(new Uint8Array([0]));
  }
  out.raw(v1.subarray(r.offset));
  return out.finish();
}

/** Reads format-2 bytes back into model-version-1 diagram JSON (with format 1's record reader). */
export function decodeV2(input: Uint8Array | ByteReader): DecodedPayload {
  const r = readerOf(input);
  return decodeV1Body(r, readStringTableV2(r));
}

/** Format 2's string table (later formats keep it): texts with lengths, or NUL-terminated. */
export function readStringTableV2(r: ByteReader): string[] {
  const head = r.uint();
  const count = Math.floor(head / 2);
  checkTextCount(count);
  const strings: string[] = [];
  for (let i = 0; i < count; i++) {
    if (head % 2 === TABLE_LENGTHS) {
      const length = r.uint();
      checkTextBytes(length);
      strings.push(utf8(r.take(length)));
    } else strings.push(utf8(r.untilNul(MAX_TEXT_BYTES, textTooLong)));
  }
  return strings;
}
