import { Diagram } from '../../model/schema';
import { call, client, service } from '../build';
import type { GalleryEntry } from '../types';

/** Scenario 4: the same internal call over REST and over gRPC, side by side. */
export const restVsGrpc: GalleryEntry = {
  id: 'rest-vs-grpc',
  title: 'REST vs gRPC on a busy internal call',
  tags: ['sync', 'protocols'],
  demonstrates: 'grpc',
  explanation:
    'Two callers ask the same Pricing service for prices, hundreds of times a second. One uses REST with ' +
    'JSON, the other gRPC with Protocol Buffers. The network and the work are the same; what differs is ' +
    'the serialization cost on every request and every reply: here 5 ms for the JSON payload and 1 ms for ' +
    'the binary one. At this rate those milliseconds are most of the latency, and CPU you pay for.',
  watch: [
    { atMs: 2_000, text: 'Both callers send the same calls to Pricing.', focus: ['e-rest', 'e-grpc'] },
    {
      atMs: 15_000,
      text: 'Open Metrics (M): the gRPC caller’s p50 is lower by the serialization both ways.',
      focus: ['grpc-caller'],
    },
  ],
  claim:
    'The gRPC caller’s median latency is lower than the REST caller’s by the serialization difference ' +
    'both ways (2 × 4 ms), within 0.5 ms.',
  diagram: Diagram.parse({
    name: 'REST vs gRPC on a busy internal call',
    description:
      'The same call to Pricing over REST (5 ms serialization) and gRPC (1 ms), at 200 calls/s each.',
    services: [
      client('rest-caller', 'Catalog (REST)', 0, 40, 200, { traffic: { pattern: 'steady', rate: 200 } }),
      client('grpc-caller', 'Cart (gRPC)', 0, 240, 200, { traffic: { pattern: 'steady', rate: 200 } }),
      service('pricing', 'Pricing', 320, 140, 4, { replicas: 4, concurrency: 32 }),
    ],
    edges: [
      call('e-rest', 'rest-caller', 'pricing', 'GET /prices', { latencyMs: 2, protocol: 'rest' }),
      call('e-grpc', 'grpc-caller', 'pricing', 'GetPrices', { latencyMs: 2, protocol: 'grpc' }),
    ],
    run: { seed: 4, speed: 0.1, untilMs: 20_000, serializationMs: { rest: 5, grpc: 1 } },
  }),
};
