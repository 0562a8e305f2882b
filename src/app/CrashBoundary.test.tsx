// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SCENARIOS } from '../scenarios';
import { MemoryStore } from '../storage/memory-store';

const checkout = SCENARIOS[0]!.diagram;

/** The app's modules as a fresh page load has them, over the device's storage `device`. */
async function load(device: MemoryStore) {
  Object.defineProperty(window, 'localStorage', { configurable: true, get: () => device });
  vi.resetModules();
  const persistence = await import('./persistence');
  const crash = await import('./crash');
  const boundary = await import('./CrashBoundary');
  const { useAppStore } = await import('../store');
  // As main.tsx does before the first draw when storage holds something (and the page once drawn).
  await (await (await import('./persistenceLoader')).loadPersistence()).loadDiagramReader();
  return { persistence, crash, ...boundary, store: useAppStore };
}

type App = Awaited<ReturnType<typeof load>>;
const rename = (app: App, name: string) =>
  act(() => app.store.getState().edit('Rename', (d) => ({ ...d, name })));
const settle = () => act(() => vi.advanceTimersByTime(1_000));
const savedName = (device: MemoryStore) =>
  (JSON.parse(device.getItem('microsim:current')!) as { diagram: { name: string } }).diagram.name;

/** The editor with a last good diagram "Good" saved, and drawing "Boom" set to fail. */
async function editorWithGoodDiagram(device = new MemoryStore()) {
  const app = await load(device);
  app.store.getState().replaceDiagram(checkout, { undoable: false });
  app.persistence.startAutosave(app.store);
  rename(app, 'Good');
  settle();
  expect(savedName(device)).toBe('Good');
  app.drawingFault.set('Boom');
  render(
    <app.CrashBoundary>
      <app.DrawingFaultProbe />
      <p>Editor</p>
    </app.CrashBoundary>,
  );
  return { app, device };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'error').mockImplementation(() => {}); // React reports the caught error
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('a diagram that crashes the drawing', () => {
  it('shows what happened and offers the previous diagram or a fresh one', async () => {
    const { app } = await editorWithGoodDiagram();
    rename(app, 'Boom');
    const alert = screen.getByRole('alert', { name: 'This diagram could not be drawn' });
    expect(alert.textContent).toMatch(/drawing “Boom”: Test fault/);
    expect(screen.getByRole('button', { name: 'Go back to “Good”' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Start a new diagram' })).toBeTruthy();
    expect(screen.queryByText('Editor')).toBeNull();
  });

  it('is never autosaved over the last good diagram, and is kept aside', async () => {
    const { app, device } = await editorWithGoodDiagram();
    rename(app, 'Boom');
    settle();
    app.persistence.flushAutosave(); // as on leaving the page
    expect(savedName(device)).toBe('Good');
    const kept = app.persistence.diagramStorage().listQuarantined();
    expect(kept.map((k) => JSON.parse(k.raw).diagram.name)).toEqual(['Boom']);
  });

  it('opens the last good diagram with a message on the next start, once', async () => {
    const { app, device } = await editorWithGoodDiagram();
    rename(app, 'Boom');
    settle();
    cleanup();
    const next = await load(device);
    const start = next.crash.startAfterCrash(next.persistence.restoreSaved());
    expect(start.diagram?.name).toBe('Good');
    expect(start.notices).toEqual([
      expect.objectContaining({
        title: 'Microsim stopped on an error last time',
        detail: expect.stringMatching(
          /Drawing “Boom” failed \(Test fault.*This is “Good”, the last diagram that worked/,
        ),
      }),
    ]);
    const third = await load(device);
    expect(third.crash.startAfterCrash(third.persistence.restoreSaved()).notices).toEqual([]);
  });

  it('going back draws the previous diagram again, and autosave resumes', async () => {
    const { app, device } = await editorWithGoodDiagram();
    rename(app, 'Boom');
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Go back to “Good”' })));
    expect(screen.getByText('Editor')).toBeTruthy();
    expect(app.store.getState().diagram.name).toBe('Good');
    rename(app, 'Better');
    settle();
    expect(savedName(device)).toBe('Better');
    expect(device.getItem('microsim:crash')).toBeNull();
  });

  it('in the embed, says what happened and offers nothing that touches storage', async () => {
    const device = new MemoryStore();
    const app = await load(device);
    app.store.getState().replaceDiagram(checkout, { undoable: false });
    app.drawingFault.set(checkout.name);
    render(
      <app.CrashBoundary embed>
        <app.DrawingFaultProbe />
      </app.CrashBoundary>,
    );
    expect(screen.getByRole('alert', { name: 'This diagram could not be drawn' })).toBeTruthy();
    expect(screen.queryAllByRole('button')).toEqual([]);
    expect(device.snapshot()).toEqual({});
  });
});
