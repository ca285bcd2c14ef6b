// Versions: the timeline of a file's saved versions, a read-only preview of any of them, the
// visual diff of a version against the current drawing (added green, removed red, changed
// yellow), restoring one (the current content becomes a version first, server-side) and forking
// one into a new file. "Save version" records the current content.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../../api/client';
import { messageOf } from '../../api/problem';
import { navigate } from '../../app/router';
import { Empty, ErrorMessage, Loading, Notice } from '../../ui/ui';
import { fetchExportedSvg } from '../render/exportedSvg';
import { drawOverlay, type VersionDiff } from './diff';
import { asDocument, type Document } from '../document';

type Version = Schemas['VersionSummary'];

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

interface Props {
  fileId: string;
  etag: string | null;
  /** While a room saves the file the page's ETag goes stale: the current one, read just before a restore. */
  currentEtag?: () => Promise<string | null>;
  readOnly: boolean;
  /** A version was restored on the server: its content, now the file's. */
  onRestored: (doc: Document) => void;
}

type View = { kind: 'preview'; version: number } | { kind: 'diff'; version: number } | null;

export function VersionsPanel({ fileId, etag, currentEtag, readOnly, onRestored }: Props) {
  const [versions, setVersions] = useState<Version[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const [saving, setSaving] = useState(false);
  const [view, setView] = useState<View>(null);
  const [confirming, setConfirming] = useState<{ action: 'restore' | 'fork'; version: number } | null>(null);

  const load = useCallback(async () => {
    try {
      const page = await call(api.GET('/api/diagrams/{id}/versions', { params: { path: { id: fileId }, query: { size: 50 } } }));
      setVersions(page.items ?? []);
    } catch (failure) {
      setError(messageOf(failure));
    }
  }, [fileId]);
  useEffect(() => void load(), [load]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const saved = await call(
        api.POST('/api/diagrams/{id}/versions', { params: { path: { id: fileId } }, body: label.trim() ? { label: label.trim() } : {} }),
      );
      setNotice(`Saved version ${saved.version_number}.`);
      setLabel('');
      await load();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setSaving(false);
    }
  };

  const confirm = async () => {
    if (!confirming) return;
    const { action, version } = confirming;
    setConfirming(null);
    setError(null);
    try {
      if (action === 'restore') {
        const match = currentEtag ? await currentEtag() : etag;
        const restored = await call(
          api.POST('/api/diagrams/{id}/versions/{number}/restore', {
            params: { path: { id: fileId, number: version }, header: match ? { 'If-Match': match } : {} },
          }),
        );
        setNotice(`Restored version ${version}.`);
        onRestored(asDocument((restored as { canvas_data?: unknown }).canvas_data));
        await load();
      } else {
        const fork = (await call(api.POST('/api/diagrams/{id}/versions/{number}/fork', { params: { path: { id: fileId, number: version } } }))) as {
          id?: string;
        };
        if (fork.id) navigate(`/files/${fork.id}`);
      }
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <section className="versions-panel" aria-label="Versions">
      <h2>Versions</h2>
      <ErrorMessage error={error} />
      {notice && <Notice>{notice}</Notice>}
      {!readOnly && (
        <form className="inline-form" onSubmit={(event) => void save(event)}>
          <label htmlFor="version-label">Label (optional)</label>
          <input id="version-label" value={label} onChange={(event) => setLabel(event.target.value)} maxLength={200} />
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save version'}
          </button>
        </form>
      )}
      {!versions && !error && <Loading label="Loading versions…" />}
      {versions && versions.length === 0 && (
        <Empty title="No versions yet">
          <p>Save a version to keep this state of the diagram.</p>
        </Empty>
      )}
      {versions && versions.length > 0 && (
        <ol className="timeline" aria-label="Timeline">
          {versions.map((version) => {
            const number = version.version_number ?? 0;
            return (
              <li key={version.id ?? number}>
                <div className="timeline-entry">
                  <strong>Version {number}</strong>
                  {version.label && <span className="badge">{version.label}</span>}
                  <span className="hint">
                    {version.created_at ? dateFormat.format(new Date(version.created_at)) : ''}
                    {version.reason ? ` · ${version.reason.replaceAll('_', ' ')}` : ''}
                  </span>
                </div>
                <div className="actions">
                  <button type="button" aria-label={`Preview version ${number}`} onClick={() => setView({ kind: 'preview', version: number })}>
                    Preview
                  </button>
                  <button type="button" aria-label={`Compare version ${number} with now`} onClick={() => setView({ kind: 'diff', version: number })}>
                    Compare
                  </button>
                  {!readOnly && (
                    <button type="button" aria-label={`Restore version ${number}`} onClick={() => setConfirming({ action: 'restore', version: number })}>
                      Restore
                    </button>
                  )}
                  <button type="button" aria-label={`Fork version ${number}`} onClick={() => setConfirming({ action: 'fork', version: number })}>
                    Fork
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {confirming && (
        <div className="confirm" role="alertdialog" aria-labelledby="version-confirm-text">
          <p id="version-confirm-text">
            {confirming.action === 'restore'
              ? `Restore version ${confirming.version}? The current content is kept as a version first.`
              : `Fork version ${confirming.version} into a new diagram?`}
          </p>
          <button type="button" className="primary" autoFocus onClick={() => void confirm()}>
            {confirming.action === 'restore' ? 'Restore' : 'Fork'}
          </button>
          <button type="button" onClick={() => setConfirming(null)}>
            Cancel
          </button>
        </div>
      )}
      {view?.kind === 'preview' && <VersionPreview fileId={fileId} version={view.version} onClose={() => setView(null)} />}
      {view?.kind === 'diff' && <VersionDiffView fileId={fileId} version={view.version} onClose={() => setView(null)} />}
    </section>
  );
}

function useSvg(fileId: string, version: number | undefined, into: React.RefObject<HTMLDivElement | null>, after?: (svg: SVGSVGElement) => void) {
  const [state, setState] = useState<'loading' | 'ready' | string>('loading');
  useEffect(() => {
    let current = true;
    setState('loading');
    fetchExportedSvg(fileId, version).then(
      (svg) => {
        if (!current || !into.current) return;
        svg.setAttribute('aria-hidden', 'true');
        into.current.replaceChildren(svg);
        after?.(svg);
        setState('ready');
      },
      (failure) => current && setState(messageOf(failure)),
    );
    return () => {
      current = false;
    };
    // `after` is read once per drawing
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fileId, version, into]);
  return state;
}

function VersionPreview({ fileId, version, onClose }: { fileId: string; version: number; onClose: () => void }) {
  const drawing = useRef<HTMLDivElement>(null);
  const state = useSvg(fileId, version, drawing);
  return (
    <figure className="version-view" aria-label={`Version ${version}`}>
      <figcaption>
        Version {version} (read-only){' '}
        <button type="button" onClick={onClose}>
          Close preview
        </button>
      </figcaption>
      {state === 'loading' && <Loading label="Drawing the version…" />}
      {state !== 'loading' && state !== 'ready' && <ErrorMessage error={state} />}
      <div className="svg-frame" ref={drawing} role="img" aria-label={`Drawing of version ${version}`} />
    </figure>
  );
}

function VersionDiffView({ fileId, version, onClose }: { fileId: string; version: number; onClose: () => void }) {
  const drawing = useRef<HTMLDivElement>(null);
  const [diff, setDiff] = useState<VersionDiff | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    setDiff(null);
    call(api.GET('/api/diagrams/{id}/versions/diff', { params: { path: { id: fileId }, query: { from: String(version), to: 'head' } } })).then(
      (answer) => current && setDiff(answer as unknown as VersionDiff),
      (failure) => current && setError(messageOf(failure)),
    );
    return () => {
      current = false;
    };
  }, [fileId, version]);

  const state = useSvg(fileId, undefined, drawing);
  useEffect(() => {
    const svg = drawing.current?.querySelector('svg');
    if (svg && diff && state === 'ready') drawOverlay(svg, diff);
  }, [diff, state]);

  const summary = diff?.summary;
  return (
    <figure className="version-view diff-view" aria-label={`Changes since version ${version}`}>
      <figcaption>
        Changes since version {version}{' '}
        <button type="button" onClick={onClose}>
          Close comparison
        </button>
      </figcaption>
      <ErrorMessage error={error} />
      {summary && (
        <ul className="diff-legend" aria-label="Summary of changes">
          <li className="legend-added">{summary.added} added</li>
          <li className="legend-modified">{summary.modified} changed</li>
          <li className="legend-removed">{summary.removed} removed</li>
        </ul>
      )}
      {(state === 'loading' || (!diff && !error)) && <Loading label="Comparing…" />}
      {state !== 'loading' && state !== 'ready' && <ErrorMessage error={state} />}
      <div className="svg-frame" ref={drawing} role="img" aria-label="Current drawing with the changes marked" />
      {diff && (
        <ul className="diff-list" aria-label="Changed shapes">
          {diff.shapes.added.map((c) => (
            <li key={`a-${c.id}`} className="legend-added">
              Added {c.type ?? 'shape'} “{c.shape?.text ?? c.id}”
            </li>
          ))}
          {diff.shapes.modified.map((c) => (
            <li key={`m-${c.id}`} className="legend-modified">
              Changed {c.type ?? 'shape'} “{c.id}”: {(c.changes ?? []).map((change) => change.property).join(', ')}
            </li>
          ))}
          {diff.shapes.removed.map((c) => (
            <li key={`r-${c.id}`} className="legend-removed">
              Removed {c.type ?? 'shape'} “{c.shape?.text ?? c.id}”
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
