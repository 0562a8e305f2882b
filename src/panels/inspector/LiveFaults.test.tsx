// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../../store';
import { idleSimView, type FaultRequest, type ServiceView } from '../../store/simulationSlice';
import { EdgeLiveFaults, ServiceLiveFaults } from './LiveFaults';

afterEach(() => {
  cleanup();
  useAppStore.setState({ sim: idleSimView });
  useAppStore.getState().setLiveFaultHandler(null);
});

function listen(): FaultRequest[] {
  const asked: FaultRequest[] = [];
  useAppStore.getState().setLiveFaultHandler((f) => asked.push(f));
  return asked;
}

const service = (patch: Partial<ServiceView>): ServiceView => ({
  id: 'pay',
  status: 'up',
  busy: 0,
  capacity: 4,
  waiting: 0,
  inbox: 0,
  slowFactor: 1,
  injectedErrorRate: 0,
  failing: false,
  ...patch,
});

describe('live faults in the inspector', () => {
  it('takes a service down, slows it and makes it fail', () => {
    const asked = listen();
    render(<ServiceLiveFaults serviceId="pay" />);
    fireEvent.click(screen.getByTestId('live-down'));
    fireEvent.change(screen.getByLabelText('Slow-down factor'), { target: { value: '8' } });
    fireEvent.click(screen.getByTestId('live-slow'));
    fireEvent.change(screen.getByLabelText('Failure percentage'), { target: { value: '25' } });
    fireEvent.click(screen.getByTestId('live-fail'));
    expect(asked).toEqual([
      { kind: 'down', target: 'pay' },
      { kind: 'slow', target: 'pay', factor: 8 },
      { kind: 'error', target: 'pay', rate: 0.25 },
    ]);
  });

  it('brings a down service back, and ends both slow and error faults with Back to normal', () => {
    const asked = listen();
    useAppStore.setState({
      sim: {
        ...idleSimView,
        services: new Map([['pay', service({ status: 'down', slowFactor: 3, injectedErrorRate: 0.5 })]]),
      },
    });
    render(<ServiceLiveFaults serviceId="pay" />);
    expect(screen.getByTestId('live-state').textContent).toBe('down');
    fireEvent.click(screen.getByTestId('live-up'));
    fireEvent.click(screen.getByTestId('live-normal'));
    expect(asked).toEqual([
      { clear: true, kinds: ['down'], target: 'pay' },
      { clear: true, kinds: ['slow', 'error'], target: 'pay' },
    ]);
  });

  it('cuts and restores an edge', () => {
    const asked = listen();
    const { rerender } = render(<EdgeLiveFaults edgeId="e1" />);
    fireEvent.click(screen.getByTestId('live-cut'));
    useAppStore.setState({
      sim: { ...idleSimView, edges: new Map([['e1', { id: 'e1', circuit: 'open', cut: true }]]) },
    });
    rerender(<EdgeLiveFaults edgeId="e1" />);
    expect(screen.getByTestId('live-state').textContent).toBe('cut, circuit open');
    fireEvent.click(screen.getByTestId('live-restore'));
    expect(asked).toEqual([
      { kind: 'cut', target: 'e1' },
      { clear: true, kinds: ['cut'], target: 'e1' },
    ]);
  });
});
