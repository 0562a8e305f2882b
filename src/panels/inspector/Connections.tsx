import { useState } from 'react';
import { EDGE_KIND_INFO } from '../../model/defaults';
import { EDGE_KINDS, type EdgeKind, type Service } from '../../model/schema';
import { useAppStore } from '../../store';
import { Section } from './Section';

/**
 * A service's edges, each a button that selects it, and a way to connect it to another service
 * without dragging between handles (so the keyboard can build a whole diagram).
 */
export function Connections({ service }: { service: Service }) {
  const services = useAppStore((s) => s.diagram.services);
  const edges = useAppStore((s) => s.diagram.edges);
  const defaultKind = useAppStore((s) => s.defaultEdgeKind);
  const others = services.filter((x) => x.id !== service.id);
  const [target, setTarget] = useState('');
  const [kind, setKind] = useState<EdgeKind | ''>('');
  const nameOf = (id: string) => services.find((x) => x.id === id)?.name ?? id;
  const mine = edges.filter((e) => e.from === service.id || e.to === service.id);
  const to = others.some((x) => x.id === target) ? target : (others[0]?.id ?? '');
  const connect = () => {
    const st = useAppStore.getState();
    const id = st.connect(service.id, to, kind || defaultKind);
    if (id) st.select([id]);
  };
  return (
    <Section title="Connections">
      {mine.length > 0 && (
        <ul className="connections" data-testid="connections">
          {mine.map((e) => (
            <li key={e.id}>
              <button className="connections__edge" onClick={() => useAppStore.getState().select([e.id])}>
                <span className={`connections__kind connections__kind--${e.kind}`}>{e.kind}</span>
                {e.from === service.id ? `→ ${nameOf(e.to)}` : `← ${nameOf(e.from)}`}
              </button>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <div className="connect-to">
          <label>
            Connect to
            <select value={to} onChange={(e) => setTarget(e.target.value)} data-testid="connect-target">
              {others.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            as
            <select
              value={kind || defaultKind}
              onChange={(e) => setKind(e.target.value as EdgeKind)}
              data-testid="connect-kind"
            >
              {EDGE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {EDGE_KIND_INFO[k].label}
                </option>
              ))}
            </select>
          </label>
          <button className="btn btn--small" onClick={connect} data-testid="connect-button">
            Connect
          </button>
        </div>
      )}
    </Section>
  );
}
