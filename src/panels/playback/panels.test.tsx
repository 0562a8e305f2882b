// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Playback } from '../../playback';
import { createInProcessHost } from '../../playback/sessionHosts';
import { FakeClock, createFakeEngine } from '../../playback/testing';
import { testDiagram } from '../../playback/testing';
import { EnvelopePanel } from './EnvelopePanel';
import { Legend } from './Legend';
import { TimeControls, faultsToShow } from './TimeControls';
import { makeFault } from '../../model/defaults';

beforeAll(() => {
  // jsdom has no 2D canvas; the swatches simply stay blank.
  HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];
});
afterEach(cleanup);

function makePlayback() {
  const clock = new FakeClock();
  const pb = new Playback({
    host: createInProcessHost(createFakeEngine, { synchronous: true }),
    clock,
    scheduler: clock,
  });
  const diagram = testDiagram({
    faults: [{ id: 'f1', kind: 'down', target: 'b', atMs: 500, durationMs: 300 }],
  });
  pb.load(diagram, { speed: 1 });
  return { pb, clock };
}

describe('TimeControls', () => {
  it('plays, pauses, steps and resets through its buttons', () => {
    const { pb, clock } = makePlayback();
    render(<TimeControls playback={pb} />);
    fireEvent.click(screen.getByTestId('play-button'));
    expect(pb.getSnapshot().status).toBe('playing');
    act(() => clock.advance(320));
    expect(screen.getByTestId('sim-clock').textContent).toMatch(/^0\.[23]\d\d s$/);
    fireEvent.click(screen.getByTestId('pause-button'));
    expect(pb.getSnapshot().status).toBe('paused');
    const before = pb.getSnapshot().events;
    fireEvent.click(screen.getByTestId('step-button'));
    expect(pb.getSnapshot().events).toBe(before + 1);
    fireEvent.click(screen.getByTestId('reset-button'));
    expect(screen.getByTestId('sim-clock').textContent).toBe('0.000 s');
    expect(screen.getByRole('button', { name: 'Play' })).toBeTruthy();
  });

  it('a Pause pressed as the run ends does not play it again from the start', () => {
    const { pb, clock } = makePlayback();
    render(<TimeControls playback={pb} />);
    fireEvent.click(screen.getByTestId('play-button'));
    act(() => pb.setSpeed(100));
    const button = screen.getByTestId('pause-button');
    fireEvent.pointerDown(button);
    act(() => clock.advance(100)); // 10 simulated seconds: the 2 s run ends under the finger
    expect(button.getAttribute('aria-label')).toBe('Play again from the start');
    fireEvent.click(button);
    expect(pb.getSnapshot().status).toBe('ended');
    // The next press (no pointer: a key) plays it again.
    fireEvent.click(button);
    expect(pb.getSnapshot().status).toBe('playing');
  });

  it('steps the speed slider through the speed ladder with arrow and Page keys', () => {
    const { pb } = makePlayback();
    render(<TimeControls playback={pb} />);
    const slider = screen.getByTestId('speed-slider');
    act(() => pb.setSpeed(0.25));
    const speeds: number[] = [];
    for (let i = 0; i < 6; i++) {
      fireEvent.keyDown(slider, { key: 'ArrowRight' });
      speeds.push(pb.getSnapshot().speed);
    }
    expect(speeds).toEqual([0.5, 1, 2, 5, 10, 20]);
    fireEvent.keyDown(slider, { key: 'ArrowLeft' });
    fireEvent.keyDown(slider, { key: 'ArrowDown' });
    expect(pb.getSnapshot().speed).toBe(5);
    fireEvent.keyDown(slider, { key: 'PageUp' });
    expect(pb.getSnapshot().speed).toBe(50);
    fireEvent.keyDown(slider, { key: 'PageDown' });
    fireEvent.keyDown(slider, { key: 'PageDown' });
    expect(pb.getSnapshot().speed).toBe(0.5);
    expect(screen.getByTestId('speed-value').textContent).toBe('0.5×');
  });

  it('sets speed on a log scale and restarts with a new seed', () => {
    const { pb } = makePlayback();
    render(<TimeControls playback={pb} />);
    fireEvent.change(screen.getByTestId('speed-slider'), { target: { value: '1000' } });
    expect(pb.getSnapshot().speed).toBe(100);
    expect(screen.getByTestId('speed-value').textContent).toBe('100×');
    fireEvent.change(screen.getByTestId('speed-slider'), { target: { value: '333' } });
    expect(pb.getSnapshot().speed).toBeCloseTo(1, 1);
    const seed = screen.getByTestId('seed-input');
    fireEvent.change(seed, { target: { value: '42' } });
    fireEvent.keyDown(seed, { key: 'Enter' });
    expect(pb.getSnapshot().seed).toBe(42);
  });

  it('shows the fault script on the timeline and seeks from it', () => {
    const { pb } = makePlayback();
    render(<TimeControls playback={pb} />);
    const timeline = screen.getByRole('region', { name: 'Timeline' });
    expect(timeline.textContent).toContain('B down, 0.5 s – 0.8 s');
    expect(screen.getByTestId('timeline-fault-f1')).toBeTruthy();
    expect(screen.getByRole('slider', { name: 'Simulated time' }).getAttribute('aria-valuetext')).toContain(
      ' of ',
    );
    fireEvent.change(screen.getByTestId('time-scrubber'), { target: { value: '1000' } });
    expect(pb.getSnapshot().now).toBe(1000);
  });
});

describe('Legend', () => {
  it('explains every message look and effect', () => {
    render(<Legend theme="dark" />);
    const legend = screen.getByTestId('legend');
    for (const label of [
      'Request',
      'Reply (ok)',
      'Reply (error)',
      'Queue message',
      'Event',
      'Saga action',
      'Compensation',
      'Retry',
      'Dead letter',
      'Bundle',
      'Failure',
      'Timeout',
      'Refused',
      'Dropped',
      'Duplicate',
      'Circuit open',
    ])
      expect(legend.textContent).toContain(label);
    expect(legend.querySelectorAll('canvas').length).toBe(18);
  });

  it('explains the marks on services and edges too', () => {
    render(<Legend />);
    const legend = screen.getByTestId('legend');
    for (const id of ['busy', 'waiting', 'inbox', 'down', 'slow', 'fail', 'failing', 'queue-depth', 'cut'])
      expect(legend.querySelector(`[data-legend="${id}"]`), id).toBeTruthy();
    expect(legend.querySelector('[data-legend="circuit-open"] .circuit--open')).toBeTruthy();
  });
});

describe('faultsToShow', () => {
  const fault = (id: string, source: 'live' | 'script', durationMs = 0) =>
    makeFault({ id, kind: 'down', target: 'b', atMs: 10, durationMs, source });
  it('lists a live fault once, with what the run knows of it', () => {
    const script = [fault('s1', 'script'), fault('live-1', 'live')];
    const applied = [fault('s1', 'script'), fault('live-1', 'live', 250), fault('live-2', 'live')];
    const shown = faultsToShow(script, applied);
    expect(shown.map((f) => f.id)).toEqual(['s1', 'live-1', 'live-2']);
    expect(shown[1]!.durationMs).toBe(250);
  });
});

describe('EnvelopePanel', () => {
  it("shows the selected message's envelope and path", async () => {
    const { pb } = makePlayback();
    pb.seek(150);
    render(<EnvelopePanel playback={pb} messageId="m0" />);
    const panel = await screen.findByText('c0');
    expect(panel.closest('[data-testid="envelope-panel"]')).toBeTruthy();
    expect(screen.getByTestId('envelope-panel').textContent).toContain('A → B · GET /x');
  });
});
