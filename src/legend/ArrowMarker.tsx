/** What an arrowhead looks like: filled, or open (two strokes) for an asynchronous hand-off. */
export interface ArrowMarkerProps {
  id: string;
  /** The head's colour (a CSS colour or variable). */
  color: string;
  open?: boolean;
  /** Its size in stroke widths. */
  size?: number;
  orient?: 'auto' | 'auto-start-reverse';
}

/** An SVG arrowhead marker on a 10 × 10 box with its tip at the line's end (canvas edges and the sequence view). */
export function ArrowMarker({ id, color, open = false, size = 7, orient = 'auto' }: ArrowMarkerProps) {
  return (
    <marker
      id={id}
      viewBox="0 0 10 10"
      refX="9"
      refY="5"
      markerWidth={size}
      markerHeight={size}
      orient={orient}
    >
      {open ? (
        <path d="M0 0 L10 5 L0 10" fill="none" stroke={color} strokeWidth="1.5" />
      ) : (
        <path d="M0 0 L10 5 L0 10z" fill={color} />
      )}
    </marker>
  );
}
