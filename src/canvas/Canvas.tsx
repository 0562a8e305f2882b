import { readNodeChanges } from './nodeChanges';
import {
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnConnectEnd,
  type Viewport,
} from '@xyflow/react';
import {
  lazy,
  Suspense,
  useCallback,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type MouseEvent as ReactMouseEvent,
  type ReactNode,
} from 'react';
import type { Position, ServiceKind } from '../model/schema';
import { SERVICE_KINDS } from '../model/schemaConstants';
import { moveElements } from '../model/edits';
import { useAppStore } from '../store';
import { placeEdgeLabels } from './edgeLabels';
import { createEdgeRouter, routeInputs, RoutesContext } from './edgeRoutes';
import { KindEdge, EdgeMarkers } from './edges/KindEdge';
import { SERVICE_SIZE } from './geometry';
import { ZoomControls } from './ZoomControls';
import { MenuContext, type OpenMenu } from './menuButton';
import { dropSpot } from './placeNew';
import { NoteNode } from './nodes/NoteNode';
import { ServiceNode } from './nodes/ServiceNode';
import { DRAWN_MOTION_NODES, LARGE_DIAGRAM_NODES, OVERVIEW_ZOOM, OverviewContext } from './detail';
import { holdRunMarks } from '../store/markHold';
import { createFlowMapper, type FlowNode } from './toFlow';
import { useCanvasDrawnMark } from './useCanvasDrawnMark';
import { useMotionDrawing } from './motionDrawing/useMotionDrawing';
import { useFlowViewport } from './motionDrawing/useFlowViewport';
import { FlowBackdrop } from './FlowBackdrop';
import { START_VIEWPORT, useDiagramView } from './useDiagramView';

/** Offered when a connection is dropped, so loaded then (the app fetches it ahead once drawn). */
const KindPicker = lazy(() => import('./KindPicker').then((m) => ({ default: m.KindPicker })));

// Module scope, so React Flow never sees new component types (xyflow's advice).
const nodeTypes = { service: ServiceNode, note: NoteNode };
const edgeTypes = { kind: KindEdge };
export const PALETTE_MIME = 'application/x-microsim-kind';
const MULTI_KEYS = ['Shift', 'Meta', 'Control'];
const SNAP: [number, number] = [20, 20];
const PRO_OPTIONS = { hideAttribution: false };

export interface CanvasProps {
  /** Drawn inside the flow (the message layer). */
  children?: ReactNode;
  readOnly?: boolean;
  /** The zoom buttons in the corner (the embed shows them in its bar, off the diagram). */
  zoomControls?: boolean;
  onServiceContextMenu?: (id: string, at: Position) => void;
  onEdgeContextMenu?: (id: string, at: Position) => void;
  /**
   * A click on a service or an edge (its id), or on the empty pane (null). Opt-in: given, even a
   * read-only canvas's cards take clicks (the presentation's spotlight).
   */
  onElementClick?: (id: string | null) => void;
}

/** The diagram canvas: services, notes and edges, editable through the store's actions. */
export function Canvas({
  children,
  readOnly = false,
  zoomControls = true,
  onServiceContextMenu,
  onEdgeContextMenu,
  onElementClick,
}: CanvasProps) {
  const diagram = useAppStore((s) => s.diagram);
  const kindPickerOpen = useAppStore((s) => s.kindPicker !== null);
  const selection = useAppStore((s) => s.selection);
  const measured = useAppStore((s) => s.measured);
  const themePref = useAppStore((s) => s.theme);
  const zoomedOut = useStore((s) => s.transform[2] < OVERVIEW_ZOOM);
  const mapper = useMemo(() => createFlowMapper(), []);
  const selected = useMemo(() => new Set(selection), [selection]);
  // While a drag goes on, the moved nodes' positions live here and reach the store when it ends: a
  // store update per pointer move would re-run every subscriber (inspector, advisor, run, autosave).
  const [dragged, setDragged] = useState<ReadonlyMap<string, Position> | null>(null);
  const draggedRef = useRef<Map<string, Position> | null>(null);
  const nodes = useMemo(() => {
    const base = mapper.nodes(diagram, selected, measured);
    if (!dragged) return base;
    return base.map((n) => {
      const at = dragged.get(n.id);
      return at ? ({ ...n, position: at } as FlowNode) : n;
    });
  }, [mapper, diagram, selected, measured, dragged]);
  const large = nodes.length > LARGE_DIAGRAM_NODES;
  const largeRef = useRef(large);
  largeRef.current = large;
  const cardCountRef = useRef(nodes.length);
  cardCountRef.current = nodes.length;
  const frame = useRef(0);
  const commitDrag = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = 0;
    const moved = draggedRef.current;
    draggedRef.current = null;
    setDragged(null);
    if (moved?.size) useAppStore.getState().moveLive(moved);
  }, []);
  // Dragging changes positions only: the edge list (and React Flow's work on it) stays as it is.
  // Labels are placed off the cards and each other when the diagram or a card's size changes, not
  // per drag frame: a dragged edge's label follows it and finds its place when the drag ends.
  // Edges bend round the cards they don't connect; like the labels, routed when the diagram
  // changes (a dragged edge keeps its waypoints until the drag ends), and only the edges near what
  // changed are routed again.
  const router = useMemo(() => createEdgeRouter(), []);
  const routes = useMemo(() => {
    const { cards, ends } = routeInputs(diagram.services, diagram.notes, diagram.edges, measured);
    return router(cards, ends);
  }, [router, diagram.services, diagram.notes, diagram.edges, measured]);
  const labelPlaces = useMemo(
    () => placeEdgeLabels(diagram.services, diagram.notes, diagram.edges, measured, routes),
    [diagram.services, diagram.notes, diagram.edges, measured, routes],
  );
  const edges = useMemo(
    () => mapper.edges(diagram.edges, selected, labelPlaces, routes),
    [mapper, diagram.edges, selected, labelPlaces, routes],
  );
  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  useDiagramView(wrapper);
  useCanvasDrawnMark(nodes.length > 0);
  const motionDrawing = useMotionDrawing(wrapper, { routes, labelPlaces });
  const view = useFlowViewport(motionDrawing, diagram.viewport ?? START_VIEWPORT);

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const st = useAppStore.getState();
      // Built only if a batch has size changes: the many position changes of a drag never ask.
      let noteIds: Set<string> | undefined;
      const {
        dragged,
        moves,
        noteSizes,
        measured: sizes,
        selection,
      } = readNodeChanges(changes, {
        isNote: (id) => (noteIds ??= new Set(st.diagram.notes.map((n) => n.id))).has(id),
        dragging: st.gestureStart !== null,
        selection: st.selection,
      });
      if (dragged.size) {
        draggedRef.current ??= new Map();
        for (const [id, at] of dragged) draggedRef.current.set(id, at);
      }
      const dragMoved = dragged.size > 0;
      if (dragMoved && largeRef.current) holdRunMarks(performance.now());
      if (noteSizes.size) st.resizeNotesLive(noteSizes);
      // Pointer moves can come faster than frames: the canvas takes the latest once per frame.
      if (dragMoved && frame.current === 0)
        frame.current = requestAnimationFrame(() => {
          frame.current = 0;
          if (draggedRef.current) setDragged(new Map(draggedRef.current));
        });
      if (moves.size && draggedRef.current) {
        // The drag's last move: everything it moved lands in the store in one update.
        for (const [id, at] of moves) draggedRef.current.set(id, at);
        moves.clear();
        commitDrag();
      }
      if (moves.size) {
        const now = useAppStore.getState();
        // A move with no drag gesture is an arrow-key nudge: an undo step (consecutive nudges merge).
        if (now.gestureStart) now.moveLive(moves);
        else now.edit('Move', (d) => moveElements(d, moves), `nudge:${[...moves.keys()].sort().join(',')}`);
      }
      if (sizes.size) st.setMeasured(sizes);
      if (selection) st.select(selection);
    },
    [commitDrag],
  );

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const st = useAppStore.getState();
    const nextSel = new Set(st.selection);
    let changed = false;
    for (const c of changes) {
      if (c.type === 'select') {
        changed = true;
        if (c.selected) nextSel.add(c.id);
        else nextSel.delete(c.id);
      }
    }
    if (changed) st.select([...nextSel]);
  }, []);

  // React Flow calls onConnect before onConnectEnd, so the picker opens in onConnectEnd, where the
  // pointer of the drop is known.
  const connected = useRef<string | null>(null);
  const onConnect = useCallback((c: Connection) => {
    const st = useAppStore.getState();
    connected.current = st.connect(c.source, c.target, st.defaultEdgeKind) ?? null;
  }, []);

  const onConnectEnd: OnConnectEnd = useCallback((event) => {
    const id = connected.current;
    connected.current = null;
    if (!id) return;
    const p = 'changedTouches' in event ? event.changedTouches[0] : event;
    const at = p ? { x: p.clientX, y: p.clientY } : { x: window.innerWidth / 2, y: window.innerHeight / 2 };
    useAppStore.getState().openKindPicker({ edgeId: id, ...at });
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(PALETTE_MIME);
      if (!kind || readOnly) return;
      e.preventDefault();
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const st = useAppStore.getState();
      if (kind === 'note') st.addNote({ x: at.x - 100, y: at.y - 60 });
      else if ((SERVICE_KINDS as readonly string[]).includes(kind)) {
        // Under the pointer, unless that is on top of another card: then the nearest free spot.
        const want = { x: at.x - SERVICE_SIZE.width / 2, y: at.y - SERVICE_SIZE.height / 2 };
        st.addService(kind as ServiceKind, dropSpot(st.diagram, st.measured, want, SERVICE_SIZE));
      }
    },
    [flow, readOnly],
  );

  // Every prop handed to <ReactFlow> is stable: the canvas re-renders on each drag frame, and a new
  // function there re-renders all of React Flow's node and edge wrappers (hundreds of them).
  const menus = useRef({ onServiceContextMenu, onEdgeContextMenu, onElementClick });
  menus.current = { onServiceContextMenu, onEdgeContextMenu, onElementClick };
  const openMenu = useCallback<OpenMenu>((target, id, at) => {
    const open = target === 'service' ? menus.current.onServiceContextMenu : menus.current.onEdgeContextMenu;
    open?.(id, at);
  }, []);
  const hasMenus = !readOnly && !!onServiceContextMenu;
  const clicks = !!onElementClick;
  // Auto-pan during a drag ends a move every frame, and each saved view is a new diagram that every
  // subscriber (run, advisor, autosave) sees: the view is saved once, when the drag ends.
  const viewDuringDrag = useRef<Viewport | null>(null);
  const flowHandlers = useMemo(
    () => ({
      isValidConnection: (c: { source: string; target: string }) => c.source !== c.target,
      onGestureStart: () => useAppStore.getState().beginGesture('Move'),
      onGestureStop: () => {
        commitDrag();
        const st = useAppStore.getState();
        st.endGesture();
        if (viewDuringDrag.current) st.setViewport(viewDuringDrag.current);
        viewDuringDrag.current = null;
      },
      onNodeDoubleClick: (_: unknown, n: FlowNode) => {
        if (n.type === 'service' && !readOnly) useAppStore.getState().setRenaming(n.id);
      },
      onNodeContextMenu: (e: ReactMouseEvent, n: FlowNode) => {
        const open = menus.current.onServiceContextMenu;
        if (n.type !== 'service' || !open) return;
        e.preventDefault();
        open(n.id, { x: e.clientX, y: e.clientY });
      },
      onNodeClick: (_: unknown, n: FlowNode) => {
        if (n.type === 'service') menus.current.onElementClick?.(n.id);
      },
      onEdgeClick: (_: unknown, edge: { id: string }) => menus.current.onElementClick?.(edge.id),
      onPaneClick: () => menus.current.onElementClick?.(null),
      onEdgeContextMenu: (e: ReactMouseEvent, edge: { id: string }) => {
        const open = menus.current.onEdgeContextMenu;
        if (!open) return;
        e.preventDefault();
        open(edge.id, { x: e.clientX, y: e.clientY });
      },
      // Set on the first step of a move, not its start: a click on the pane starts and ends one.
      // Auto-pan starts, steps and ends a move within one task, so it never sets it.
      onMove: () => {
        wrapper.current?.classList.add('is-moving');
        if (cardCountRef.current > DRAWN_MOTION_NODES) motionDrawing.begin();
        if (largeRef.current) holdRunMarks(performance.now());
      },
      onMoveEnd: (_: unknown, v: Viewport) => {
        wrapper.current?.classList.remove('is-moving');
        motionDrawing.end();
        const st = useAppStore.getState();
        if (st.gestureStart) viewDuringDrag.current = v;
        else st.setViewport(v);
      },
    }),
    [commitDrag, readOnly, motionDrawing],
  );

  const theme = themePref === 'system' ? 'system' : themePref;
  return (
    <div
      ref={wrapper}
      className="canvas"
      data-testid="canvas"
      onDragOver={(e) => allowPaletteDrop(e)}
      onDrop={onDrop}
    >
      <EdgeMarkers />
      <MenuContext value={hasMenus ? openMenu : null}>
        <OverviewContext value={zoomedOut}>
          <RoutesContext value={routes}>
            <ReactFlow
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onConnect={readOnly ? undefined : onConnect}
              onConnectEnd={onConnectEnd}
              isValidConnection={flowHandlers.isValidConnection}
              onNodeDragStart={flowHandlers.onGestureStart}
              onNodeDragStop={flowHandlers.onGestureStop}
              onSelectionDragStart={flowHandlers.onGestureStart}
              onSelectionDragStop={flowHandlers.onGestureStop}
              onNodeDoubleClick={flowHandlers.onNodeDoubleClick}
              onNodeClick={clicks ? flowHandlers.onNodeClick : undefined}
              onEdgeClick={clicks ? flowHandlers.onEdgeClick : undefined}
              onPaneClick={clicks ? flowHandlers.onPaneClick : undefined}
              onNodeContextMenu={flowHandlers.onNodeContextMenu}
              onEdgeContextMenu={flowHandlers.onEdgeContextMenu}
              onMove={flowHandlers.onMove}
              onMoveEnd={flowHandlers.onMoveEnd}
              defaultViewport={view.viewport}
              viewport={view.viewport}
              onViewportChange={view.onViewportChange}
              minZoom={0.1}
              maxZoom={3}
              snapToGrid
              snapGrid={SNAP}
              deleteKeyCode={null}
              // Space is play/pause here; the pane pans with a plain drag.
              panActivationKeyCode={null}
              selectionKeyCode="Shift"
              multiSelectionKeyCode={MULTI_KEYS}
              nodesDraggable={!readOnly}
              nodesConnectable={!readOnly}
              elementsSelectable={!readOnly}
              colorMode={theme}
              onlyRenderVisibleElements={large}
              proOptions={PRO_OPTIONS}
            >
              <FlowBackdrop />
              {zoomControls && <ZoomControls />}
              {children}
            </ReactFlow>
          </RoutesContext>
        </OverviewContext>
      </MenuContext>
      {kindPickerOpen && (
        <Suspense fallback={null}>
          <KindPicker />
        </Suspense>
      )}
      {!readOnly && diagram.services.length + diagram.notes.length === 0 && (
        <div className="canvas-empty" data-testid="canvas-empty">
          <strong>An empty canvas</strong>
          <span>
            Drag a service from the palette onto it, or press Enter on one. Then drag from a service's right
            handle to another's left handle to connect them.
          </span>
          <button className="btn" onClick={() => useAppStore.getState().setDialog('examples')}>
            Or start from an example
          </button>
        </div>
      )}
    </div>
  );
}

// A dropped diagram file is imported by the app's window-wide drop handler (bootstrap.ts).
function allowPaletteDrop(e: DragEvent) {
  if (e.dataTransfer.types.includes(PALETTE_MIME)) {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }
}
