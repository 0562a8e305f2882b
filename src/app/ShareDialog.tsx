import type { ReactFlowInstance } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { linkSizeWarning } from '../share';
import { useAppStore } from '../store';
import { Dialog } from './Dialog';
import { exportJson, exportPicture, pickJsonFile } from './files';
import { editorLink, embedLink } from './links';

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function CopyField({
  label,
  value,
  testId,
  multiline,
}: {
  label: string;
  value: string;
  testId: string;
  multiline?: boolean;
}) {
  const [copied, setCopied] = useState<null | boolean>(null);
  return (
    <div className="copy-field">
      <label htmlFor={testId}>{label}</label>
      <div className="copy-field__row">
        {multiline ? (
          <textarea
            id={testId}
            readOnly
            value={value}
            rows={3}
            data-testid={testId}
            onFocus={(e) => e.target.select()}
          />
        ) : (
          <input id={testId} readOnly value={value} data-testid={testId} onFocus={(e) => e.target.select()} />
        )}
        <button
          className="btn btn--primary"
          data-testid={`${testId}-copy`}
          onClick={async () => setCopied(await copy(value))}
        >
          {copied ? 'Copied ✓' : 'Copy'}
        </button>
      </div>
      {copied === false && (
        <div className="field__hint">The browser did not allow copying: select the text and copy it.</div>
      )}
    </div>
  );
}

/** Share as a link or an embed, and export or import the diagram as a file or picture. */
export function ShareDialog({ flow }: { flow: ReactFlowInstance | null }) {
  const diagram = useAppStore((s) => s.diagram);
  const [autoplay, setAutoplay] = useState(false);
  const link = useMemo(() => editorLink(diagram, autoplay), [diagram, autoplay]);
  const embed = useMemo(() => embedLink(diagram, autoplay), [diagram, autoplay]);
  const snippet = `<iframe src="${embed}" width="900" height="520" style="border:0;border-radius:12px" loading="lazy" allow="clipboard-write" title="Microsim: ${diagram.name.replace(/[<>&"]/g, '')}"></iframe>`;
  const warning = linkSizeWarning(link.length);
  return (
    <Dialog title="Share & export" testId="share-dialog" wide>
      <p className="muted">
        The link carries the whole diagram, its fault script and seed, after the <code>#</code>: no server
        ever sees it.
      </p>
      <CopyField label="Link" value={link} testId="share-link" />
      <div className="share-meta">
        <label className="field--inline">
          <input
            type="checkbox"
            checked={autoplay}
            onChange={(e) => setAutoplay(e.target.checked)}
            data-testid="share-autoplay"
          />{' '}
          Start playing when opened
        </label>
        <span className={warning ? 'share-size share-size--warn' : 'share-size'} data-testid="share-size">
          {link.length.toLocaleString()} characters
        </span>
      </div>
      {warning && (
        <p className="notice-inline" role="status">
          ⚠ {warning}
        </p>
      )}
      <CopyField
        label="Embed code (read-only player for slides, docs and blogs)"
        value={snippet}
        testId="share-embed"
        multiline
      />
      <h3 className="dialog__h3">Files</h3>
      <div className="btn-row btn-row--wrap">
        <button className="btn" onClick={() => exportJson(useAppStore)} data-testid="export-json">
          Export JSON
        </button>
        <button className="btn" onClick={() => pickJsonFile(useAppStore)} data-testid="import-json">
          Import JSON…
        </button>
        <button
          className="btn"
          onClick={() => void exportPicture(useAppStore, flow, 'png')}
          data-testid="export-png"
        >
          Export PNG
        </button>
        <button
          className="btn"
          onClick={() => void exportPicture(useAppStore, flow, 'svg')}
          data-testid="export-svg"
        >
          Export SVG
        </button>
      </div>
      <p className="field__hint">You can also drop a diagram .json file onto the canvas.</p>
    </Dialog>
  );
}
