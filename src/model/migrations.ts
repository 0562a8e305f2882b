import { CURRENT_VERSION } from './schemaConstants';

/** One named step from version `from` to `from + 1`, applied to raw (unvalidated) JSON. */
export interface Migration {
  from: number;
  name: string;
  up: (raw: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * Every past format and how to bring it forward, oldest first. A change to the format adds a step
 * here and a fixture of the old version under `src/model/fixtures/`, and never edits a released step.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    // Version 2 only added an optional field (a client's objective): a version-1 file is already a
    // valid version-2 diagram. The version is bumped so an older Microsim refuses a file with
    // objectives ("made by a newer Microsim") instead of silently dropping them.
    from: 1,
    name: 'clients may have a service-level objective (nothing to change)',
    up: (raw) => raw,
  },
  {
    // Version 3 only added a list with a default (the diagram's breakpoints): a version-2 file is
    // already a valid version-3 diagram with none. Bumped so an older Microsim refuses a file with
    // breakpoints instead of dropping them.
    from: 2,
    name: 'diagrams may have breakpoints (nothing to change)',
    up: (raw) => raw,
  },
  {
    // Version 4 only added a list with a default (the deck of scenes): a version-3 file is already a
    // valid version-4 diagram with no scenes. Bumped so an older Microsim refuses a file with a deck
    // instead of dropping it.
    from: 3,
    name: 'diagrams may have a deck of scenes (nothing to change)',
    up: (raw) => raw,
  },
  {
    // Version 5 only added an optional field (which panels a scene shows): a version-4 file is
    // already a valid version-5 diagram whose scenes show none. Bumped so an older Microsim refuses
    // a deck with panels instead of dropping them.
    from: 4,
    name: 'scenes may show panels (nothing to change)',
    up: (raw) => raw,
  },
];

export type MigrationOutcome =
  | { ok: true; raw: Record<string, unknown>; from: number; applied: string[] }
  | { ok: false; message: string };

/** Brings raw diagram JSON of any known version up to the current one. */
export function migrate(
  raw: Record<string, unknown>,
  migrations: readonly Migration[] = MIGRATIONS,
  current = CURRENT_VERSION,
): MigrationOutcome {
  // A hand-written file may leave the version out: it is taken to be written for this version.
  const version = raw.version === undefined ? current : raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, message: `version must be a whole number, got ${JSON.stringify(version)}` };
  }
  if (version > current) {
    return {
      ok: false,
      message: `this diagram was made by a newer Microsim (format version ${version}); this one reads up to version ${current}. Update the app to open it.`,
    };
  }
  let doc = { ...raw };
  const applied: string[] = [];
  for (let v = version; v < current; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) return { ok: false, message: `no migration from format version ${v}` };
    doc = { ...step.up(doc), version: v + 1 };
    applied.push(step.name);
  }
  return { ok: true, raw: doc, from: version, applied };
}
