import { useEffect } from 'react';
import { useAppStore } from '../store';

/**
 * Tells the store once the canvas has painted a frame with cards in it (`markCanvasDrawn`), so what
 * loads after the first draw (the diagram's inspector, the offline cache) starts then. The effect
 * runs after the commit that put the cards in; the frame callback it asks for runs after that
 * commit's frame has been painted.
 */
export function useCanvasDrawnMark(hasCards: boolean) {
  useEffect(() => {
    if (!hasCards || useAppStore.getState().canvasDrawn) return;
    const frame = requestAnimationFrame(() => useAppStore.getState().markCanvasDrawn());
    return () => cancelAnimationFrame(frame);
  }, [hasCards]);
}
