import { useMemo, useState } from 'react';
import { designChanges, type Comparison, type DesignChange } from '../../compare/index';
import { comparedDiagrams, useAppStore, useDiagramContent } from '../../store';
import { ComparisonTables } from './ComparisonTable';
import { DifferenceMarks } from './DifferenceMarks';
import './comparison.css';

/** What the page knows of the comparison's runs (worked out off the main thread by the app). */
export interface ComparisonResult {
  running: boolean;
  comparison: Comparison | null;
  error: string | null;
  /** A's faults B has no target for. */
  skippedInB: string[];
}

const changeText = (c: DesignChange) =>
  c.change === 'changed' ? `${c.name}: ${c.what}` : `${c.name} ${c.change}`;

/** The A/B switch: which variant the canvas shows (and edits). */
function VariantSwitch({ nameA, nameB }: { nameA: string; nameB: string }) {
  const showing = useAppStore((s) => s.comparison?.showing ?? 'a');
  const show = (which: 'a' | 'b') => useAppStore.getState().showVariant(which);
  return (
    <div className="cmp__switch" role="group" aria-label="Variant on the canvas">
      <button
        className="btn btn--small"
        aria-pressed={showing === 'a'}
        onClick={() => show('a')}
        title={nameA}
      >
        A <span className="cmp__switch-name">{nameA}</span>
      </button>
      <button
        className="btn btn--small"
        aria-pressed={showing === 'b'}
        onClick={() => show('b')}
        title={nameB}
      >
        B <span className="cmp__switch-name">{nameB}</span>
      </button>
    </div>
  );
}

/** Closing: keep the variant in Recent diagrams, or not, or go back. */
function CloseBar({
  name,
  onClose,
  onCancel,
}: {
  name: string;
  onClose: (keep: boolean) => void;
  onCancel: () => void;
}) {
  return (
    <div className="cmp__close" role="group" aria-label="Close the comparison">
      <span>Keep “{name}” in Recent diagrams?</span>
      <button className="btn btn--small btn--primary" onClick={() => onClose(true)}>
        Keep it and close
      </button>
      <button className="btn btn--small" onClick={() => onClose(false)}>
        Close without keeping
      </button>
      <button className="btn btn--small btn--ghost" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

/**
 * The Comparison region (issue 12): the A/B switch, what B changes (also outlined on B's canvas), the
 * verdict and the table of figures for A and B run with the same seed, traffic and fault script.
 */
export function ComparisonPanel({
  result,
  onClose,
  onFold,
  onShareLink,
  onExportJson,
}: {
  result: ComparisonResult;
  onClose: (keep: boolean) => void;
  /** The table was folded or unfolded (the canvas changed size). */
  onFold?: () => void;
  /** Shares A and B as one link: returns the link (also copied when the browser allows). */
  onShareLink?: () => Promise<string>;
  /** Downloads A and B as one JSON file. */
  onExportJson?: () => void;
}) {
  const diagram = useDiagramContent();
  const state = useAppStore((s) => s.comparison);
  const pair = useMemo(() => comparedDiagrams({ diagram, comparison: state }), [diagram, state]);
  const changes = useMemo(() => (pair ? designChanges(pair.a, pair.b) : []), [pair]);
  const [closing, setClosing] = useState(false);
  const [folded, setFolded] = useState(false);
  const [link, setLink] = useState<string | null>(null);
  if (!pair || !state) return null;
  const { comparison, running, error } = result;
  const close = () =>
    changes.length === 0 && pair.a.name === pair.b.name.replace(/ \(variant B\)$/, '')
      ? onClose(false)
      : setClosing(true);
  return (
    <section className={`cmp${folded ? ' is-folded' : ''}`} role="region" aria-label="Comparison">
      {state.showing === 'b' && <DifferenceMarks changes={changes} />}
      <header className="cmp__head">
        <h2 className="cmp__title">Comparison</h2>
        <VariantSwitch nameA={pair.a.name} nameB={pair.b.name} />
        <span className="cmp__status" role="status">
          {running
            ? 'Running A and B…'
            : error
              ? 'The comparison could not be run'
              : `Seed ${pair.a.run.seed}, A's fault script, ${pair.a.run.untilMs / 1000} s`}
        </span>
        <span className="cmp__spacer" />
        <button
          className="btn btn--small btn--ghost"
          aria-expanded={!folded}
          onClick={() => {
            setFolded(!folded);
            onFold?.();
          }}
        >
          {folded ? 'Show table' : 'Hide table'}
        </button>
        {onShareLink && (
          <button className="btn btn--small" onClick={() => void onShareLink().then(setLink)}>
            Share comparison
          </button>
        )}
        {onExportJson && (
          <button className="btn btn--small btn--ghost" onClick={onExportJson}>
            Export JSON
          </button>
        )}
        <button className="btn btn--small" onClick={close}>
          Close comparison
        </button>
      </header>
      {link && (
        <div className="cmp__link">
          <label>
            Comparison link{' '}
            <input
              readOnly
              value={link}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="comparison-link"
            />
          </label>
          <button
            className="btn btn--small btn--ghost"
            onClick={() => setLink(null)}
            aria-label="Hide the link"
          >
            ×
          </button>
        </div>
      )}
      {closing && <CloseBar name={pair.b.name} onClose={onClose} onCancel={() => setClosing(false)} />}
      {!folded && (
        // Focusable, so the keyboard can scroll a table taller than the region.
        <div className="cmp__body" tabIndex={0}>
          <p className="cmp__changes">
            <strong>B changes:</strong>{' '}
            {changes.length
              ? changes.map(changeText).join('; ')
              : 'nothing yet — edit B (outlined on its canvas when changed).'}
          </p>
          {error && <p className="cmp__error">{error}</p>}
          {result.skippedInB.length > 0 && (
            <p className="muted">
              B has no target for fault {result.skippedInB.join(', ')}: left out of B&apos;s run.
            </p>
          )}
          {comparison && (
            <div className={running ? 'cmp__result is-stale' : 'cmp__result'} aria-busy={running}>
              <p className="cmp__verdict" data-testid="comparison-verdict">
                {comparison.identical ? 'A and B are identical: every difference is zero. ' : ''}
                {comparison.identical ? '' : comparison.verdict}
              </p>
              <ComparisonTables comparison={comparison} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
