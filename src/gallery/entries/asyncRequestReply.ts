import { Diagram } from '../../model/schema';
import { call, client, queue, service } from '../build';
import type { GalleryEntry } from '../types';

/** Scenario 9: async request-reply matched by correlation id; duplicate and unmatched replies. */
export const asyncRequestReply: GalleryEntry = {
  id: 'async-request-reply',
  title: 'Async request-reply and correlation ids',
  tags: ['queue', 'request-reply'],
  demonstrates: 'queue',
  explanation:
    'Web Shop and Mobile Shop ask Pricing for quotes on a queue and go on with other work. Each request ' +
    'is written in the asker’s table of pending requests under its id; Pricing puts the answer on the ' +
    'quote-replies queue with that id as the correlation id. But both shops consume quote-replies, so a ' +
    'reply can reach the shop that never asked: it finds no pending request and discards it as unmatched. ' +
    'And when an ack is lost, Pricing answers the same request twice: the second reply is discarded as a ' +
    'duplicate. (The engine has no reply timeout, so no reply here is “late”.)',
  watch: [
    {
      atMs: 1_500,
      text: 'A quote request goes to Pricing; its reply comes back on quote-replies.',
      focus: ['q-web'],
    },
    {
      atMs: 20_000,
      text: 'Replies are shared by both shops: some reach the wrong one (unmatched).',
      focus: ['r-web', 'r-mobile'],
    },
    { atMs: 50_000, text: 'Open the run report: matched, duplicate and unmatched replies per channel.' },
  ],
  claim:
    'Replies are matched to their requests by correlation id; a reply that reaches the shop that didn’t ' +
    'ask is discarded as unmatched, and a second reply after a lost ack is discarded as a duplicate.',
  diagram: Diagram.parse({
    name: 'Async request-reply and correlation ids',
    description:
      'Two shops share one reply queue, so some replies reach the wrong shop; lost acks cause duplicate replies.',
    services: [
      client('web-users', 'Web users', 0, 40, 2),
      client('mobile-users', 'Mobile users', 0, 260, 2),
      service('web', 'Web Shop', 240, 40, 5),
      service('mobile', 'Mobile Shop', 240, 260, 5),
      service('pricing', 'Pricing', 560, 150, 40, { concurrency: 4 }),
    ],
    edges: [
      call('e-web', 'web-users', 'web', 'GET /quote'),
      call('e-mobile', 'mobile-users', 'mobile', 'GET /quote'),
      queue('q-web', 'web', 'pricing', 'QuoteRequest', 'quotes', {
        replyChannel: 'quote-replies',
        ackLossRate: 0.1,
      }),
      queue('q-mobile', 'mobile', 'pricing', 'QuoteRequest', 'quotes', {
        replyChannel: 'quote-replies',
        ackLossRate: 0.1,
      }),
      queue('r-web', 'pricing', 'web', 'QuoteReply', 'quote-replies'),
      queue('r-mobile', 'pricing', 'mobile', 'QuoteReply', 'quote-replies'),
    ],
    run: { seed: 12, speed: 0.5, untilMs: 60_000 },
  }),
};
