import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/app/commands';
import { README_PATH, architectureFolders, shortcutTable, updatedReadme } from './readme';

describe('README', () => {
  const readme = readFileSync(README_PATH, 'utf8');

  it('lists exactly the shortcuts and folders the app has (run `npm run readme` after changing commands or architecture.json)', async () => {
    expect(await updatedReadme(readme)).toBe(readme);
  });

  it('has a row for every command with a shortcut', () => {
    const table = shortcutTable();
    for (const c of COMMANDS.filter((x) => x.keys?.length)) expect(table).toContain(`| ${c.label} |`);
  });

  it('names every CLI script it documents as a real npm script', () => {
    const scripts = Object.keys(
      (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: object })
        .scripts,
    );
    const used = [...readme.matchAll(/npm run (?:-s )?([\w:]+)/g)].map((m) => m[1]!);
    expect(used.length).toBeGreaterThan(3);
    for (const s of used) expect(scripts).toContain(s);
  });

  it('describes every folder of src/ in architecture.json, and only those', () => {
    const folders = readdirSync(new URL('../src', import.meta.url), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(
      architectureFolders()
        .map((f) => f.folder)
        .sort(),
    ).toEqual(folders);
  });
});
