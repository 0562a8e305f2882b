import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { renameService } from '../../model/names';
import type { Latency, Service } from '../../model/schema';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store';
import { clientHealth, RECENT_MS, serviceThroughput, type ClientHealth } from '../../store/health';
import type { ServiceView } from '../../store/simulationSlice';
import { useOverview } from '../detail';
import { ServiceIcon } from '../icons';
import { MenuButton } from '../menuButton';
import { useServicePathMark } from '../tracePath';
import '../tracePath.css';
import '../messageLayer/runMarks.css';

export type ServiceNodeType = Node<{ service: Service }, 'service'>;

/** A short human summary of a latency distribution: "~25 ms". */
export function latencySummary(l: Latency): string {
  switch (l.dist) {
    case 'fixed':
      return `${l.ms} ms`;
    case 'uniform':
      return `${l.min}–${l.max} ms`;
    case 'normal':
      return `~${l.mean} ms`;
    case 'exponential':
      return `exp ~${l.mean} ms`;
    case 'lognormal':
      return `p50 ${l.median} ms`;
  }
}

function loadTitle(v: ServiceView): string {
  const about = v.capacity > 50 ? 'about ' : '';
  return `${about}${v.busy} busy, ${v.waiting} waiting of ${v.capacity} slots`;
}

/** The line under a service's name: its traffic, or its slots, latency and error rate. */
export function subtitle(s: Service): string {
  if (s.kind === 'client') return `${s.traffic.rate}/s · ${s.traffic.pattern}`;
  const slots = s.replicas > 1 ? `${s.replicas}×${s.concurrency}` : `${s.concurrency} slots`;
  const err = s.errorRate > 0 ? ` · ${+(s.errorRate * 100).toFixed(1)}% err` : '';
  return `${slots} · ${latencySummary(s.latency)}${err}`;
}

function ServiceNodeView({ id, data, selected }: NodeProps<ServiceNodeType>) {
  const s = data.service;
  const state = useAppStore((st) => st.sim.services.get(id));
  const renaming = useAppStore((st) => st.renaming === id);
  // Live figures from the run's series: primitives rounded to what is printed, so a card re-renders
  // only when they change (a few times a second at most), never per frame.
  const health = useAppStore(
    useShallow((st) => (s.kind === 'client' ? clientHealth(st.series, id, s.objective) : null)),
  );
  const throughput = useAppStore((st) => (s.kind === 'client' ? null : serviceThroughput(st.series, id)));
  const overview = useOverview();
  const pathMark = useServicePathMark(id);
  const badges = state ? badgesOf(state) : [];
  if (health?.objective) badges.unshift(objectiveBadge(health));
  const down = state?.status === 'down';
  const load = state ? Math.min(1, (state.busy + state.waiting) / Math.max(1, state.capacity)) : 0;
  const classes = [
    'svc',
    `svc--${s.kind}`,
    overview && 'svc--overview',
    selected && 'is-selected',
    // Zoomed out the load bar is under a pixel tall: a nearly full service says so with its border.
    overview && load > 0.85 && 'is-hot',
    down && 'is-down',
    state && state.slowFactor > 1 && 'is-slow',
    state?.failing && 'is-failing',
    pathMark && `is-path-${pathMark}`,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      className={classes}
      data-testid={`service-${id}`}
      data-kind={s.kind}
      data-trace-path={pathMark ?? undefined}
      aria-label={`${s.name}, ${s.kind}`}
    >
      <Handle type="target" position={Position.Left} className="handle handle--in" />
      {!overview && (
        <div className="svc__icon">
          <ServiceIcon kind={s.kind} />
        </div>
      )}
      <div className="svc__text">
        {renaming ? <RenameInput id={id} name={s.name} /> : <div className="svc__name">{s.name}</div>}
        {!overview && (
          <div
            className="svc__sub"
            data-testid={`service-${id}-sub`}
            title={liveTitle(s, health) ?? subtitle(s)}
          >
            {liveLine(s, health, throughput) ?? subtitle(s)}
          </div>
        )}
      </div>
      {badges.length > 0 && (
        <div className="svc__status" aria-live="off">
          {badges}
        </div>
      )}
      {state && !down && !overview && (
        <div
          className={`svc__load${load > 0.85 ? ' hot' : ''}`}
          // A custom property painted as a gradient: a bar that changes ten times a second costs
          // neither a layout nor a transform the compositor has to re-layer.
          style={{ '--load': load } as CSSProperties}
          // Written on hover only: an attribute changing ten times a second costs a style pass.
          onPointerEnter={(e) => {
            const v = useAppStore.getState().sim.services.get(id);
            if (v) e.currentTarget.title = loadTitle(v);
          }}
        />
      )}
      {selected && !overview && !renaming && <MenuButton target="service" id={id} name={s.name} />}
      <Handle type="source" position={Position.Right} className="handle handle--out" />
    </div>
  );
}

/** The sub line during a run: a client's success rate and p95, a service's throughput; else null. */
function liveLine(s: Service, health: ClientHealth | null, throughput: number | null): string | null {
  if (s.kind === 'client') {
    if (!health) return null;
    if (health.success === null)
      return s.traffic.rate === 0 ? 'rate 0: sends nothing' : 'no requests ended yet';
    const ok = `${+(health.success * 100).toFixed(1)}% ok`;
    return health.p95 === null ? ok : `${ok} · p95 ${health.p95} ms`;
  }
  return throughput === null ? null : `${throughput}/s · ${subtitle(s)}`;
}

/** A client's live line in full words, for the card's tooltip (a narrow card cuts the line itself). */
function liveTitle(s: Service, health: ClientHealth | null): string | null {
  if (s.kind !== 'client' || !health || health.success === null) return null;
  const seconds = RECENT_MS / 1000;
  const ok = `${+(health.success * 100).toFixed(1)}% of the requests that ended in the last ${seconds} s succeeded`;
  return health.p95 === null ? ok : `${ok}; their p95 latency was ${health.p95} ms`;
}

/** A client's objective as the run judges it: its latest judged window met or missed. */
function objectiveBadge(h: ClientHealth): ReactNode {
  const verdict = h.objective!;
  const text = verdict === 'met' ? 'SLO met' : verdict === 'missed' ? 'SLO missed' : 'SLO: no traffic';
  const title =
    verdict === 'no-traffic'
      ? 'Objective: no request has ended yet, so nothing is judged'
      : `Objective ${verdict} in its latest window; missed in ${h.missed} of ${h.judged} windows so far`;
  return (
    <span key="slo" className={`badge badge--slo-${verdict}`} title={title} data-testid="objective-badge">
      {text}
    </span>
  );
}

/** What the run has to say above a service's card, most important first. */
function badgesOf(v: ServiceView): ReactNode[] {
  const badges: ReactNode[] = [];
  if (v.status === 'down')
    badges.push(
      <span key="down" className="badge badge--down">
        down
      </span>,
    );
  else if (v.waiting > 0)
    badges.push(
      <span key="wait" className="badge badge--wait">
        Waiting…
      </span>,
    );
  if (v.slowFactor > 1)
    badges.push(
      <span key="slow" className="badge badge--slow">
        ×{v.slowFactor} slow
      </span>,
    );
  if (v.injectedErrorRate > 0)
    badges.push(
      <span key="fail" className="badge badge--fail">
        {Math.round(v.injectedErrorRate * 100)}% fail
      </span>,
    );
  else if (v.failing)
    badges.push(
      <span key="failing" className="badge badge--failing" title="Most of its recent work failed">
        failing
      </span>,
    );
  if (v.inbox > 0)
    badges.push(
      <span key="inbox" className="badge badge--inbox" title="Messages waiting in the inbox">
        {v.inbox} queued
      </span>,
    );
  return badges;
}

function RenameInput({ id, name }: { id: string; name: string }) {
  const [value, setValue] = useState(name);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.select(), []);
  const finish = (save: boolean) => {
    const st = useAppStore.getState();
    const trimmed = value.trim();
    if (save && trimmed && trimmed !== name) {
      // Edge names generated from the old name follow it, in the same undo step.
      st.edit('Rename', (d) => renameService(d, id, trimmed.slice(0, 80)));
    }
    st.setRenaming(null);
  };
  return (
    <input
      ref={ref}
      className="svc__rename nodrag"
      aria-label="Service name"
      data-testid="rename-input"
      value={value}
      maxLength={80}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter' || e.key === 'Escape') {
          finish(e.key === 'Enter');
          // Back to the service, so a keyboard user carries on where they were.
          const node = ref.current?.closest<HTMLElement>('.react-flow__node');
          requestAnimationFrame(() => node?.focus());
        }
      }}
    />
  );
}

/** A service on the canvas: icon, name, a summary of its settings and, during a run, its state. */
export const ServiceNode = memo(ServiceNodeView);
