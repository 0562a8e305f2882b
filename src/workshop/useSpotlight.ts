import { useEffect } from 'react';
import { useTracePath } from '../canvas/tracePath';
import { useAppStore } from '../store';
import { usePresentation } from './presentation';
import { spotlitElements } from './spotlight';

/**
 * Lights the presentation's spotlit element on the canvas (and dims the rest, edge labels too) for
 * as long as the presentation shows; leaving gives the canvas back unlit.
 */
export function useSpotlight() {
  const id = usePresentation((s) => s.spotlight);
  const diagram = useAppStore((s) => s.diagram);
  useEffect(() => {
    useTracePath.getState().setSpotlight(id ? spotlitElements(diagram, id) : null);
  }, [id, diagram]);
  useEffect(() => () => useTracePath.getState().setSpotlight(null), []);
}
