// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../storage/memory-store';

/** An index as the app writes it: `n` of the person's own diagrams, newest first. */
function recentIndex(n: number): string {
  return JSON.stringify(
    Array.from({ length: n }, (_, i) => ({
      id: `k${i}`,
      name: `Diagram ${n - i}`,
      openedAt: 1_700_000_000_000 - i * 60_000,
      savedAt: 1_700_000_000_000 - i * 60_000,
      services: 7,
      edges: 6,
      fingerprint: `f${i}`,
      origin: 'own',
      base: null,
      rev: `r${i}`,
    })),
  );
}

async function openDialog(device: MemoryStore) {
  Object.defineProperty(window, 'localStorage', { configurable: true, get: () => device });
  vi.resetModules();
  const persistence = await import('./persistence');
  const { RecentDialog, RECENT_PAGE } = await import('./RecentDialog');
  persistence.documentSession();
  const recent = persistence.recentDiagrams();
  const parsedBefore = recent.parseCount;
  render(<RecentDialog />);
  return { recent, parses: () => recent.parseCount - parsedBefore, page: RECENT_PAGE };
}

beforeAll(() => {
  // jsdom has <dialog> but not its modal API.
  HTMLDialogElement.prototype.showModal = function () {
    this.open = true;
  };
});
afterEach(cleanup);

describe('Recent diagrams with a huge list', () => {
  it('opens with one page of rows and parses the index at most once', async () => {
    const device = new MemoryStore();
    device.setItem('microsim:recent', recentIndex(20_000));
    const { parses, page } = await openDialog(device);
    expect(page).toBe(50);
    expect(screen.getAllByTestId('recent-item')).toHaveLength(50);
    expect(screen.getAllByTestId('recent-item')[0]!.textContent).toContain('Diagram 20000');
    expect(parses()).toBeLessThanOrEqual(1);
    expect(screen.getByText('Showing 50 of 20,000')).toBeTruthy();

    act(() => fireEvent.click(screen.getByRole('button', { name: 'Show 50 more' })));
    expect(screen.getAllByTestId('recent-item')).toHaveLength(100);
    expect(parses()).toBeLessThanOrEqual(1);
  });

  it('a short list shows whole, with no "Show more"', async () => {
    const device = new MemoryStore();
    device.setItem('microsim:recent', recentIndex(3));
    await openDialog(device);
    expect(screen.getAllByTestId('recent-item')).toHaveLength(3);
    expect(screen.queryByTestId('recent-more')).toBeNull();
  });
});
