// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelState } from '../../playback';
import { ChannelMark, STACK_MARKS, sparkPoints } from './ChannelMark';

afterEach(cleanup);

const channel = (patch: Partial<ChannelState>): ChannelState => ({
  name: 'jobs',
  kind: 'queue',
  depth: 0,
  inFlightToConsumers: 0,
  deadLettered: 0,
  depthHistory: [],
  anchorEdgeId: 'e1',
  ...patch,
});

describe('ChannelMark', () => {
  it('stacks waiting messages up to a limit, then counts them', () => {
    const { container } = render(
      <ChannelMark channel={channel({ depth: 30, deadLettered: 2 })} edgeId="e1" />,
    );
    expect(container.querySelectorAll('.qmark__stack > i')).toHaveLength(STACK_MARKS);
    expect(container.querySelector('.qmark__count')!.textContent).toBe('30');
    expect(container.querySelector('.qmark__dlq')!.textContent).toBe('▼2');
    expect(container.querySelector('.qmark')!.classList.contains('is-high')).toBe(true);
  });

  it('draws depth over time, peak at the top', () => {
    expect(sparkPoints([0, 5, 10], 20, 12)).toBe('0.0,11.0 10.0,6.0 20.0,1.0');
    const { container } = render(
      <ChannelMark channel={channel({ depth: 1, depthHistory: [0, 3, 1] })} edgeId="e1" />,
    );
    expect(container.querySelector('polyline')!.getAttribute('points')).toBe(sparkPoints([0, 3, 1]));
  });

  it('zoomed out, keeps the stack and count but drops the sparkline', () => {
    const { container } = render(
      <ChannelMark channel={channel({ depth: 3, depthHistory: [0, 3, 1] })} edgeId="e1" overview />,
    );
    expect(container.querySelector('polyline')).toBeNull();
    expect(container.querySelectorAll('.qmark__stack > i')).toHaveLength(3);
    expect(container.querySelector('.qmark__count')!.textContent).toBe('3');
  });

  it('shows a topic only once it has held something', () => {
    const { container } = render(
      <ChannelMark channel={channel({ kind: 'topic', depthHistory: [0, 0] })} edgeId="e1" />,
    );
    expect(container.querySelector('.qmark')).toBeNull();
  });
});
