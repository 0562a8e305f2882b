import { useState } from 'react';
import { errorLines } from '../model/parse';
import { LIMITS } from '../model/schema';
import { downloadBlob } from '../share/image';
import { useAppStore, type AppStore } from '../store';
import { deckFileName, exportDeckJson, MAX_DECK_FILE_BYTES, readDeckJson } from './deckFile';

/** What the last import said, shown in the dialog itself (a notice would sit behind the modal). */
interface ImportOutcome {
  ok: boolean;
  text: string;
  lines: string[];
}

/** Downloads the deck as `<diagram name>-deck.json`. */
export function exportDeck(store: AppStore) {
  const d = store.getState().diagram;
  downloadBlob(deckFileName(d), new Blob([exportDeckJson(d)], { type: 'application/json' }));
}

/** Reads a deck file and adds its scenes after the deck's (one undo step); says what happened. */
export async function importDeckFile(store: AppStore, file: File): Promise<ImportOutcome> {
  const unchanged = 'Your deck was not changed.';
  if (file.size > MAX_DECK_FILE_BYTES)
    return { ok: false, text: `${file.name} is larger than any deck of scenes. ${unchanged}`, lines: [] };
  const text = await file.text().catch(() => null);
  if (text === null) return { ok: false, text: `${file.name} could not be read. ${unchanged}`, lines: [] };
  const r = readDeckJson(text);
  if (!r.ok)
    return { ok: false, text: `${file.name}: ${r.message} ${unchanged}`, lines: errorLines(r.errors) };
  const has = store.getState().diagram.scenes.length;
  const added = store.getState().appendScenes(r.scenes, `Import deck ${file.name}`);
  if (added === 0)
    return {
      ok: false,
      text: `${file.name} has ${r.scenes.length} scenes and the deck ${has}: a deck holds at most ${LIMITS.scenes}. ${unchanged}`,
      lines: [],
    };
  const scenes = added === 1 ? 'one scene' : `${added} scenes`;
  return {
    ok: true,
    text: `Added ${scenes} from ${file.name} after the deck's. Undo takes them out.`,
    lines: [],
  };
}

/** Export deck… and Import deck… for the Scenes dialog, with what the last import said. */
export function DeckFileButtons({ empty }: { empty: boolean }) {
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const pick = () => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'application/json,.json';
    input.onchange = () => {
      const file = input.files?.[0];
      if (file) void importDeckFile(useAppStore, file).then(setOutcome);
    };
    input.click();
  };
  return (
    <>
      <div className="scenes__actions">
        <button className="btn" disabled={empty} onClick={() => exportDeck(useAppStore)}>
          Export deck…
        </button>
        <button className="btn" onClick={pick}>
          Import deck…
        </button>
        <span className="muted scenes__hint">
          Importing adds the file’s scenes after these, each with its own diagram; the open diagram stays.
        </span>
      </div>
      {outcome && (
        <div
          className={outcome.ok ? 'scenes__outcome' : 'scenes__outcome scenes__outcome--error'}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid="deck-import-outcome"
        >
          {outcome.text}
          {outcome.lines.length > 0 && (
            <ul>
              {outcome.lines.slice(0, 10).map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
