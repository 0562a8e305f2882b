import type { Camera, Diagram, ScenePanels } from '../model/schema';

/** The part of the canvas a scene shows: a box in diagram coordinates, fitted to whatever screen presents it. */
export type { Camera };

/** A scene as it is presented: everything resolved, ready to put on the screen. */
export interface PresentedScene {
  title: string;
  /** Short text for the audience, shown under the title. */
  narration: string;
  /** For the presenter only (the presenter window). */
  notes: string;
  /** The diagram to run: its run stops at the scene's stop time (`run.untilMs`). */
  diagram: Diagram;
  /** Where the camera goes; null shows the whole diagram. */
  camera: Camera | null;
  /** The panels shown under the stage; null: the diagram alone. */
  panels: ScenePanels | null;
}

/**
 * The open diagram as a one-scene deck: presented whole, its run playing to its end, with the
 * panels that are open in the editor.
 */
export function currentDiagramScene(d: Diagram, panels: ScenePanels | null = null): PresentedScene {
  return { title: d.name, narration: d.description, notes: '', diagram: d, camera: null, panels };
}

/** The scene's stop time, in simulated ms. */
export function stopTime(scene: PresentedScene): number {
  return scene.diagram.run.untilMs;
}
