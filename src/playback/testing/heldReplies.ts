import { FakeClock } from './fakeClock';
import { createFakeEngine } from './fakeEngine';
import type { EngineFactory } from '../types';
import type { EngineHost } from '../host';
import { createInProcessHost } from '../sessionHosts';
import { Playback } from '../playback';
import type { HostReply } from '../protocol';

/**
 * For tests: a playback on a fake clock whose engine answers at once but whose replies wait until
 * the test delivers them, as a busy worker's would, so they can land after a pause, a speed change
 * or a seek that came later.
 */
export function heldRepliesSetup(createEngine: EngineFactory = createFakeEngine) {
  const inner = createInProcessHost(createEngine, { synchronous: true });
  const held: HostReply[] = [];
  let listener: (r: HostReply) => void = () => {};
  inner.listen((r) => held.push(r));
  const host: EngineHost = {
    send: (cmd) => inner.send(cmd),
    listen: (l) => ((listener = l), () => {}),
    dispose: () => inner.dispose(),
  };
  const clock = new FakeClock(16);
  const pb = new Playback({ host, clock, scheduler: clock });
  const deliver = (r: HostReply) => listener(r);
  /** Delivers up to `n` of the held replies, oldest first (a reply may send a command, whose reply waits too). */
  const deliverSome = (n: number) => {
    for (let i = 0; i < n && held.length; i++) deliver(held.shift()!);
  };
  const deliverAll = () => {
    while (held.length) deliver(held.shift()!);
  };
  return { pb, clock, held, deliver, deliverSome, deliverAll };
}
