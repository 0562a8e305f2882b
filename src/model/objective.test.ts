import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDiagram } from './parse';
import { CURRENT_VERSION } from './schema';

const client = (objective: unknown) => ({ services: [{ id: 'web', kind: 'client', objective }] });
const errorsOf = (input: unknown) => {
  const r = parseDiagram(input);
  return r.ok ? [] : r.errors;
};

describe('a client objective in the diagram', () => {
  it('a version-1 file opens as version 2 with no objectives, through the migration', () => {
    const raw = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/v1-checkout.json'), 'utf8'));
    expect(raw.version).toBe(1);
    const r = parseDiagram(raw);
    expect(r).toMatchObject({ ok: true, migratedFrom: 1, diagram: { version: CURRENT_VERSION } });
    expect(r.ok && r.diagram.services.every((s) => s.objective === undefined)).toBe(true);
    expect(r.ok && r.diagram.services.length).toBe(raw.services.length);
  });

  it('fills the window and percentile, and keeps a target left out absent', () => {
    const r = parseDiagram(client({ success: 0.995 }));
    expect(r.ok && r.diagram.services[0]!.objective).toEqual({
      windowMs: 10_000,
      percentile: 'p99',
      success: 0.995,
    });
  });

  it.each([
    [{ latencyMs: -1 }, 'services[0].objective.latencyMs', 'must not be negative'],
    [{ latencyMs: 1e308 }, 'services[0].objective.latencyMs', 'must be at most 600000 ms'],
    [{ success: 1.5 }, 'services[0].objective.success', 'must be between 0 and 1'],
    [{ success: Number.NaN }, 'services[0].objective.success', ''],
    [{ windowMs: 0 }, 'services[0].objective.windowMs', 'must be at least 100 ms'],
    [{ percentile: 'p42' }, 'services[0].objective.percentile', ''],
  ])('refuses %j with a message at its path', (objective, path, message) => {
    const errors = errorsOf(client(objective));
    expect(errors.map((e) => e.path)).toEqual([path]);
    expect(errors[0]!.message).toContain(message);
  });
});
