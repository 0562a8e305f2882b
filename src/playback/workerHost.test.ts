import { describe, expect, it } from 'vitest';
import type { EngineHost } from './host';
import type { HostCommand, HostReply } from './protocol';
import { deferredHost } from './workerHost';

/** A host that records what it was sent and answers each command with an error reply naming it. */
function recordingHost(log: string[]): EngineHost {
  let listener: (r: HostReply) => void = () => {};
  return {
    send: (cmd) => {
      log.push(cmd.type);
      listener({ type: 'error', seq: cmd.seq, message: cmd.type });
    },
    listen: (l) => ((listener = l), () => {}),
    dispose: () => log.push('disposed'),
  };
}

const load = { type: 'load', seq: 1, diagram: {} as never, seed: 1 } as const satisfies HostCommand;

describe('deferredHost', () => {
  it('holds a load until the page is idle, then starts the engine and hands it over in order', () => {
    const sent: string[] = [];
    let created = 0;
    let idle: () => void = () => {};
    const host = deferredHost(
      () => (created++, recordingHost(sent)),
      (start) => (idle = start),
    );
    const replies: HostReply[] = [];
    host.listen((r) => replies.push(r));
    host.send(load);
    host.send({ type: 'reset', seq: 2 });
    expect(created).toBe(0);
    idle();
    expect(created).toBe(1);
    expect(sent).toEqual(['load', 'reset']);
    expect(replies.map((r) => r.seq)).toEqual([1, 2]);
    idle();
    expect(created).toBe(1);
  });

  it('starts at once when a command needs an answer (Play asks the engine to advance)', () => {
    const sent: string[] = [];
    let created = 0;
    const host = deferredHost(
      () => (created++, recordingHost(sent)),
      () => {},
    );
    host.send(load);
    expect(created).toBe(0);
    host.send({ type: 'advance', seq: 2, t: 100, ui: true });
    expect(created).toBe(1);
    expect(sent).toEqual(['load', 'advance']);
  });

  it('never starts an engine for a disposed host', () => {
    let created = 0;
    let idle: () => void = () => {};
    const host = deferredHost(
      () => (created++, recordingHost([])),
      (start) => (idle = start),
    );
    host.dispose();
    idle();
    host.send({ type: 'step', seq: 1, ui: true });
    expect(created).toBe(0);
  });
});
