import type { ReactFlowInstance } from '@xyflow/react';
import { Dialog } from '../app/Dialog';
import { deckIsFull } from '../model/deck';
import { LIMITS, type Camera, type Scene } from '../model/schema';
import { useAppStore } from '../store';
import { DeckFileButtons } from './DeckFileButtons';
import { currentPanels } from './panels';
import { beginPresenting, deckScenes } from './present';
import './scenes.css';

/** The part of the canvas the person is looking at, in diagram coordinates (null: no canvas). */
function currentCamera(flow: ReactFlowInstance | null): Camera | undefined {
  const pane = document.querySelector('.stage .react-flow')?.getBoundingClientRect();
  if (!flow || !pane || pane.width < 1 || pane.height < 1) return undefined;
  const { x, y, zoom } = flow.getViewport();
  return { x: -x / zoom, y: -y / zoom, width: pane.width / zoom, height: pane.height / zoom };
}

/**
 * The deck of scenes (issue 15): capture the current view as a scene, give each a title, narration
 * and speaker notes, reorder, duplicate, delete (all undoable), and present the deck.
 */
export function ScenesDialog({ flow }: { flow: ReactFlowInstance | null }) {
  const scenes = useAppStore((s) => s.diagram.scenes);
  const full = useAppStore((s) => deckIsFull(s.diagram));
  const st = useAppStore.getState;
  const present = () => {
    st().setDialog(null);
    beginPresenting(deckScenes(st().diagram));
  };
  return (
    <Dialog title="Scenes" testId="scenes-dialog" wide>
      <p className="muted">
        A deck of scenes to present: each keeps the diagram, its fault script, seed, speed and stop time, and
        where the canvas looks and which panels are open (Metrics, Event log or Trace), as they are when you
        add it.
      </p>
      <div className="scenes__actions">
        <button
          className="btn btn--primary"
          disabled={full}
          onClick={() => st().addScene({ camera: currentCamera(flow), panels: currentPanels(useAppStore) })}
        >
          Add scene from current view
        </button>
        <button className="btn" disabled={scenes.length === 0} onClick={present}>
          Present the deck
        </button>
        {full && <span className="muted">A deck holds at most {LIMITS.scenes} scenes.</span>}
      </div>
      <DeckFileButtons empty={scenes.length === 0} />
      {scenes.length === 0 ? (
        <p className="scenes__empty" data-testid="scenes-empty">
          No scenes yet: set the diagram up as the room should see it, then add it as a scene.
        </p>
      ) : (
        <ol className="scenes" aria-label="Deck">
          {scenes.map((scene, i) => (
            <SceneRow key={scene.id} scene={scene} index={i} count={scenes.length} flow={flow} />
          ))}
        </ol>
      )}
    </Dialog>
  );
}

/** One scene of the deck: its texts and what can be done with it. */
function SceneRow({
  scene,
  index,
  count,
  flow,
}: {
  scene: Scene;
  index: number;
  count: number;
  flow: ReactFlowInstance | null;
}) {
  const st = useAppStore.getState;
  const n = index + 1;
  const stop = (scene.diagram.run.untilMs / 1000).toLocaleString('en-US');
  const faults = scene.diagram.faults.length;
  return (
    <li className="scene-row" aria-label={`Scene ${n}: ${scene.title}`} data-testid="scene-row">
      <div className="scene-row__head">
        <span className="scene-row__number" aria-hidden>
          {n}
        </span>
        <input
          className="input scene-row__title"
          aria-label={`Title of scene ${n}`}
          value={scene.title}
          maxLength={80}
          onChange={(e) => st().updateScene(scene.id, { title: e.target.value })}
        />
        <span className="scene-row__tools">
          <button
            className="btn btn--small"
            aria-label={`Move scene ${n} up`}
            disabled={index === 0}
            onClick={() => st().moveScene(scene.id, index - 1)}
          >
            ↑
          </button>
          <button
            className="btn btn--small"
            aria-label={`Move scene ${n} down`}
            disabled={index === count - 1}
            onClick={() => st().moveScene(scene.id, index + 1)}
          >
            ↓
          </button>
          <button
            className="btn btn--small"
            aria-label={`Update scene ${n} from current view`}
            title="Keep the diagram as it is now, where the canvas looks and the open panels in this scene (its texts stay)"
            onClick={() =>
              st().updateSceneFromView(scene.id, currentCamera(flow), currentPanels(useAppStore))
            }
          >
            Update
          </button>
          <button
            className="btn btn--small"
            aria-label={`Duplicate scene ${n}`}
            onClick={() => st().duplicateScene(scene.id)}
          >
            Duplicate
          </button>
          <button
            className="btn btn--small"
            aria-label={`Delete scene ${n}`}
            onClick={() => st().deleteScene(scene.id)}
          >
            Delete
          </button>
        </span>
      </div>
      <p className="scene-row__what muted">
        {scene.diagram.name} · stops at {stop} s ·{' '}
        {faults === 0 ? 'no faults' : `${faults} fault${faults > 1 ? 's' : ''}`}
        {scene.camera ? ' · its own view' : ' · the whole diagram'}
        {panelsText(scene)}
      </p>
      <div className="scene-row__texts">
        <label>
          <span>Narration (the room sees it)</span>
          <textarea
            className="input"
            aria-label={`Narration of scene ${n}`}
            rows={2}
            maxLength={LIMITS.narrationChars}
            value={scene.narration}
            onChange={(e) => st().updateScene(scene.id, { narration: e.target.value })}
          />
        </label>
        <label>
          <span>Speaker notes (only in the presenter view)</span>
          <textarea
            className="input"
            aria-label={`Speaker notes of scene ${n}`}
            rows={2}
            maxLength={LIMITS.speakerNotesChars}
            value={scene.notes}
            onChange={(e) => st().updateScene(scene.id, { notes: e.target.value })}
          />
        </label>
      </div>
    </li>
  );
}

/** What the row says about the panels a scene shows ("" for none). */
function panelsText(scene: Scene): string {
  const names = [
    scene.panels?.metrics && 'Metrics',
    scene.panels?.log === 'log' && 'Event log',
    scene.panels?.log === 'trace' && 'Trace',
  ].filter(Boolean);
  return names.length ? ` · with ${names.join(' and ')}` : '';
}
