import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCENARIOS } from '../scenarios';
import { decodeLink, encodeLink, type DecodeLinkResult } from '../share';
import { linkCodecIfLoaded, loadLinkCodec } from './linkCodec';
import { decodeLinkOffThread, decodeLinkThen, MAIN_THREAD_LINK_CHARS, type LinkWorker } from './linkDecoder';

/** A worker that loads and answers as the real one would, or never answers (`answer: false`). */
function fakeWorker(answer: boolean) {
  const worker: LinkWorker & { terminated: boolean; posted: string[] } = {
    terminated: false,
    posted: [],
    onmessage: null,
    onerror: null,
    postMessage(text) {
      this.posted.push(text);
      queueMicrotask(() => {
        this.onmessage?.({ data: 'ready' } as MessageEvent<'ready'>);
        if (answer) this.onmessage?.({ data: decodeLink(text) } as MessageEvent<DecodeLinkResult>);
      });
    },
    terminate() {
      this.terminated = true;
    },
  };
  return worker;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('decodeLinkThen', () => {
  it('reads a short link once the link codec (not in the first script) has loaded', async () => {
    const short = encodeLink(SCENARIOS[0]!.diagram);
    expect(linkCodecIfLoaded()).toBeNull();
    const got = await new Promise<DecodeLinkResult>((resolve) => decodeLinkThen(short, resolve));
    expect(got).toEqual(decodeLink(short));
    expect(linkCodecIfLoaded()).not.toBeNull();
  });

  it('reads a short link at once, here, when the codec has loaded; a long one later', async () => {
    await loadLinkCodec();
    const short = encodeLink(SCENARIOS[0]!.diagram);
    let got: DecodeLinkResult | null = null;
    decodeLinkThen(short, (r) => (got = r));
    expect(got).toEqual(decodeLink(short));
    // No Worker in Node: the long one is read here too, but after the call returns.
    const long = `${short}${'A'.repeat(MAIN_THREAD_LINK_CHARS)}`;
    const later = new Promise<DecodeLinkResult>((resolve) => decodeLinkThen(long, resolve));
    expect(await later).toEqual(decodeLink(long));
  });
});

describe('decodeLinkOffThread', () => {
  const link = encodeLink(SCENARIOS[0]!.diagram);

  it('gives what the worker decoded, and ends the worker', async () => {
    const worker = fakeWorker(true);
    const r = await decodeLinkOffThread(link, { createWorker: () => worker });
    expect(r).toEqual(decodeLink(link));
    expect(worker.posted).toEqual([link]);
    expect(worker.terminated).toBe(true);
  });

  it('stops a read that runs past its time budget (counted from the worker’s start), saying so', async () => {
    vi.useFakeTimers();
    const worker = fakeWorker(false);
    const pending = decodeLinkOffThread(link, { createWorker: () => worker, budgetMs: 10_000 });
    await vi.advanceTimersByTimeAsync(9_999);
    expect(worker.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const r = await pending;
    expect(worker.terminated).toBe(true);
    expect(r).toMatchObject({ ok: false, error: { code: 'corrupt' } });
    expect(!r.ok && r.error.message).toMatch(/^Reading this link took more than 10 seconds/);
  });

  it('reads the link on this thread when there is no worker, or it fails to load', async () => {
    expect(await decodeLinkOffThread(link, { createWorker: () => null })).toEqual(decodeLink(link));
    const broken = fakeWorker(false);
    const pending = decodeLinkOffThread(link, { createWorker: () => broken });
    broken.onerror?.(new Event('error'));
    expect(await pending).toEqual(decodeLink(link));
  });
});
