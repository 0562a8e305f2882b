import type { ReactNode } from 'react';

/*
 * The marks on services and edges, drawn with the classes the canvas uses (styles.css and
 * src/canvas/messageLayer/runMarks.css) where they are badges and pills; the busy bar and the cut
 * line are drawn here in the same colours and dash.
 */

function Row({
  id,
  mark,
  label,
  description,
}: {
  id: string;
  mark: ReactNode;
  label: string;
  description: string;
}) {
  return (
    <li data-legend={id}>
      <span className="pb-state-mark" aria-hidden="true">
        {mark}
      </span>
      <span>
        <strong>{label}</strong> <small>{description}</small>
      </span>
    </li>
  );
}

/** The badges a service card wears: id, badge class, text, name, meaning. */
const BADGES: ReadonlyArray<readonly [string, string, string, string, string]> = [
  ['waiting', 'wait', 'Waiting…', 'Waiting', 'Holds a slot while a sync call it made is out'],
  ['inbox', 'inbox', '12 queued', 'Inbox', 'Messages waiting for a free slot'],
  ['down', 'down', 'down', 'Down', 'Refuses everything until it comes back'],
  ['slow', 'slow', '×5 slow', 'Slowed', 'Handling takes that many times longer'],
  ['fail', 'fail', '50% fail', 'Failing on purpose', 'A fault makes that share of its work fail'],
  ['failing', 'failing', 'failing', 'Failing', 'Most of its recent work failed, whatever the cause'],
];

/** Service badges, edge states and the queue mark, each with what it means. */
export function StateLegend() {
  return (
    <>
      <h3 className="pb-legend-title">On services</h3>
      <ul>
        <Row
          id="busy"
          mark={
            <span className="pb-state-load">
              <span />
            </span>
          }
          label="Busy"
          description="How full its slots are (red when nearly full)"
        />
        {BADGES.map(([id, badge, text, label, description]) => (
          <Row
            key={id}
            id={id}
            mark={<span className={`badge badge--${badge}`}>{text}</span>}
            label={label}
            description={description}
          />
        ))}
      </ul>
      <h3 className="pb-legend-title">On edges</h3>
      <ul>
        <Row
          id="queue-depth"
          mark={
            <span className="qmark qmark--queue pb-state-qmark">
              <span className="qmark__stack">
                <i />
                <i />
                <i />
              </span>
              <span className="qmark__count">3</span>
              <svg width="24" height="12" viewBox="0 0 24 12" className="qmark__spark">
                <polyline points="0,11 6,9 12,10 18,5 24,3" />
              </svg>
            </span>
          }
          label="Queue"
          description="Messages waiting in it, their count and depth over time (▼ dead-lettered)"
        />
        <Row
          id="circuit-open"
          mark={<span className="circuit circuit--open">circuit open</span>}
          label="Circuit open"
          description="The breaker fails calls fast; half-open lets one trial through"
        />
        <Row
          id="cut"
          mark={
            <svg width="40" height="12" viewBox="0 0 40 12">
              <line x1="1" y1="6" x2="39" y2="6" className="pb-state-cut" />
            </svg>
          }
          label="Cut"
          description="A network partition: nothing gets through"
        />
      </ul>
    </>
  );
}
