import { describe, expect, it } from 'vitest';
import { Diagram } from '../model/schema';
import { GALLERY } from '../gallery/index';
import { runGallery } from './gallery';

describe('gallery CLI', () => {
  it('--list --json prints every entry as { id, title, tags, claim }', () => {
    const r = runGallery(['--list', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as unknown[];
    expect(rows).toEqual(GALLERY.map(({ id, title, tags, claim }) => ({ id, title, tags, claim })));
  });

  it('an id prints that entry’s diagram as JSON a sim run accepts', () => {
    const r = runGallery(['queue-backlog']);
    expect(r.code).toBe(0);
    const parsed = Diagram.parse(JSON.parse(r.stdout));
    expect(parsed.services.map((s) => s.id)).toEqual(['uploads', 'reports']);
  });

  it('an unknown id says which ids exist; no arguments is a usage error', () => {
    const r = runGallery(['nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no gallery entry "nope"');
    expect(r.stderr).toContain('sync-chain');
    expect(runGallery([]).code).toBe(2);
  });
});
