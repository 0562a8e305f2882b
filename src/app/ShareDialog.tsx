import type { ReactFlowInstance } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Diagram } from '../model/schema';
import { formatSpeed } from '../panels/playback';
import { encodeLink, linkSizeWarning } from '../share';
import { useAppStore } from '../store';
import { Dialog } from './Dialog';
import { exportJson, exportPicture, pickJsonFile } from './files';
import { formatKey } from './keys';
import { editorUrl, embedUrl } from './links';
import type { PictureContent } from './picture';
import { usePlaybackState } from './run';
import './share.css';

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
  copyOnMount,
}: {
  label: string;
  value: string;
  testId: string;
  multiline?: boolean;
  /** Copies as soon as the dialog opens (the click that opened it allows the clipboard). */
  copyOnMount?: boolean;
}) {
  const [copied, setCopied] = useState<null | boolean>(null);
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const shown = useRef(value);
  shown.current = value;
  const copyNow = async () => {
    const ok = await copy(shown.current);
    setCopied(ok);
    // Blocked clipboard: the text is selected, ready for Ctrl+C.
    if (!ok) field.current?.select();
  };
  useEffect(() => {
    if (copyOnMount) void copyNow();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the dialog opens
  }, []);
  // A changed option makes a different link: it has not been copied yet.
  useEffect(() => setCopied((c) => (c ? null : c)), [value]);
  const props = {
    id: testId,
    ref: field,
    readOnly: true,
    value,
    'data-testid': testId,
    onFocus: (e: { target: { select: () => void } }) => e.target.select(),
  };
  return (
    <div className="copy-field">
      <label htmlFor={testId}>{label}</label>
      <div className="copy-field__row">
        {multiline ? <textarea {...props} rows={3} /> : <input {...props} />}
        <button className="btn btn--primary" data-testid={`${testId}-copy`} onClick={() => void copyNow()}>
          {copied ? 'Copied ✓' : 'Copy'}
        </button>
      </div>
      {copied === false && (
        <div className="field__hint" role="status">
          The browser did not allow copying: the text is selected, press {formatKey('mod+c')} to copy it.
        </div>
      )}
    </div>
  );
}

function Option({
  checked,
  onChange,
  testId,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId: string;
  children: ReactNode;
}) {
  return (
    <label className="field--inline">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        data-testid={testId}
      />{' '}
      {children}
    </label>
  );
}

/** The diagram as the link carries it: at the speed it is playing now, if the person wants. */
function atSpeed(d: Diagram, speed: number | null): Diagram {
  return speed === null || speed === d.run.speed ? d : { ...d, run: { ...d.run, speed } };
}

/** Share as a link or an embed, and export or import the diagram as a file or picture. */
export function ShareDialog({ flow }: { flow: ReactFlowInstance | null }) {
  const diagram = useAppStore((s) => s.diagram);
  const playing = usePlaybackState();
  const [autoplay, setAutoplay] = useState(false);
  const [present, setPresent] = useState(false);
  const [content, setContent] = useState<PictureContent>('diagram');
  const [useCurrentSpeed, setUseCurrentSpeed] = useState(true);
  // Links carry two significant digits of speed, as the speed slider sets it.
  const currentSpeed = Number(playing.speed.toPrecision(2));
  const speedDiffers = currentSpeed !== diagram.run.speed;
  const speed = speedDiffers && useCurrentSpeed ? currentSpeed : null;
  const shared = useMemo(() => atSpeed(diagram, speed), [diagram, speed]);
  // Encoding compresses the whole diagram: done once per change, for both addresses.
  const payload = useMemo(() => encodeLink(shared, { autoplay }), [shared, autoplay]);
  // Opening presenting is the editor link's option only: the embed never presents.
  const presentPayload = useMemo(
    () => (present ? encodeLink(shared, { autoplay, present }) : payload),
    [shared, autoplay, present, payload],
  );
  const link = editorUrl(presentPayload);
  const embed = embedUrl(payload);
  const snippet = `<iframe src="${embed}" width="900" height="520" style="border:0;border-radius:12px" loading="lazy" allow="clipboard-write" title="Microsim: ${diagram.name.replace(/[<>&"]/g, '')}"></iframe>`;
  const warning = linkSizeWarning(link.length);
  return (
    <Dialog title="Share & export" testId="share-dialog" wide>
      <p className="muted">
        The link carries the whole diagram, its fault script, seed and speed, after the <code>#</code>: no
        server ever sees it.
      </p>
      <CopyField label="Link" value={link} testId="share-link" copyOnMount />
      <div className="share-options">
        <Option checked={autoplay} onChange={setAutoplay} testId="share-autoplay">
          Start playing when opened
        </Option>
        <Option checked={present} onChange={setPresent} testId="share-present">
          {diagram.scenes.length
            ? 'Open in presenting mode, from scene 1 of the deck'
            : 'Open in presenting mode (the diagram as one scene)'}
        </Option>
        {speedDiffers && (
          <Option checked={useCurrentSpeed} onChange={setUseCurrentSpeed} testId="share-current-speed">
            Play at the current speed, {formatSpeed(currentSpeed)} (the diagram’s default is{' '}
            {formatSpeed(diagram.run.speed)})
          </Option>
        )}
        <span className={warning ? 'share-size share-size--warn' : 'share-size'} data-testid="share-size">
          {link.length.toLocaleString()} characters
        </span>
      </div>
      {warning && (
        <p className="notice-inline" role="status" data-testid="share-size-warning">
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
      <fieldset className="picture-content" data-testid="picture-content">
        <legend>Pictures show</legend>
        {(
          [
            ['diagram', 'Diagram only'],
            ['running', 'As running (the run’s badges, queues and circuits now)'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="field--inline">
            <input
              type="radio"
              name="picture-content"
              value={value}
              checked={content === value}
              onChange={() => setContent(value)}
              data-testid={`picture-${value}`}
            />{' '}
            {label}
          </label>
        ))}
      </fieldset>
      <div className="btn-row btn-row--wrap">
        <button className="btn" onClick={() => exportJson(useAppStore)} data-testid="export-json">
          Export JSON
        </button>
        <button className="btn" onClick={() => pickJsonFile(useAppStore)} data-testid="import-json">
          Import JSON…
        </button>
        {(['png', 'svg'] as const).map((format) => (
          <button
            key={format}
            className="btn"
            onClick={() => void exportPicture(useAppStore, flow, format, content)}
            data-testid={`export-${format}`}
          >
            Export {format.toUpperCase()}
          </button>
        ))}
      </div>
      <p className="field__hint">You can also drop a diagram .json file onto the canvas.</p>
    </Dialog>
  );
}
