// Export: the file (or the selected shapes, or one frame) as SVG, PNG, PDF, Markdown, HTML, JSON
// or diagram source, at 1×/2×/4× with a chosen background, downloaded from export-service
// (POST /api/export/files/{id}/{format}); a refusal shows the problem's detail.
import { useState, type FormEvent } from 'react';
import { fetchAuthorized } from '../../api/client';
import { messageOf, problemOf } from '../../api/problem';
import { Dialog, ErrorMessage, Notice } from '../../ui/ui';
import type { Document } from '../document';

const FORMATS = [
  { id: 'svg', label: 'SVG image', extension: 'svg' },
  { id: 'png', label: 'PNG image', extension: 'png' },
  { id: 'pdf', label: 'PDF document', extension: 'pdf' },
  { id: 'md', label: 'Markdown', extension: 'md' },
  { id: 'html', label: 'HTML page', extension: 'html' },
  { id: 'json', label: 'JSON (AutoGraph document)', extension: 'json' },
  { id: 'mermaid', label: 'Mermaid source', extension: 'mmd' },
  { id: 'plantuml', label: 'PlantUML source', extension: 'puml' },
  { id: 'eraser', label: 'Eraser source', extension: 'eraser' },
  { id: 'drawio', label: 'draw.io', extension: 'drawio' },
  { id: 'excalidraw', label: 'Excalidraw', extension: 'excalidraw' },
] as const;

type FormatId = (typeof FORMATS)[number]['id'];
const PICTURES = new Set<FormatId>(['svg', 'png', 'pdf']);

interface Props {
  fileId: string;
  title: string;
  doc: Document;
  selection: string[];
  open: boolean;
  onClose: () => void;
}

/** The file name the server suggests (Content-Disposition), else the title with the format's extension. */
function fileName(response: Response, title: string, extension: string): string {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) return decodeURIComponent(encoded[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  if (plain?.[1]) return plain[1];
  return `${title.replace(/[^\p{L}\p{N} _.-]+/gu, '').trim() || 'diagram'}.${extension}`;
}

export function ExportDialog({ fileId, title, doc, selection, open, onClose }: Props) {
  const [format, setFormat] = useState<FormatId>('png');
  const [scale, setScale] = useState('2');
  const [background, setBackground] = useState<'document' | 'transparent' | 'white' | 'custom'>('document');
  const [colour, setColour] = useState('#ffffff');
  const [selectionOnly, setSelectionOnly] = useState(false);
  const [frame, setFrame] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const frames = doc.shapes.filter((shape) => shape.type === 'frame');
  const picture = PICTURES.has(format);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    const query = new URLSearchParams();
    if (picture) {
      if (format === 'png') query.set('scale', scale);
      if (background !== 'document') query.set('background', background === 'custom' ? colour : background);
    }
    if (selectionOnly && selection.length) query.set('shapes', selection.join(','));
    else if (frame) query.set('frame', frame);
    try {
      const response = await fetchAuthorized(`/api/export/files/${encodeURIComponent(fileId)}/${format}?${query}`, { method: 'POST' });
      if (!response.ok) throw await problemOf(response);
      const blob = await response.blob();
      const entry = FORMATS.find((f) => f.id === format) ?? FORMATS[0];
      const name = fileName(response, title, entry.extension);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setDone(`Downloaded ${name}.`);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title="Export" open={open} onClose={onClose}>
      <form className="export-form" onSubmit={(event) => void submit(event)}>
        <ErrorMessage error={error} />
        {done && <Notice>{done}</Notice>}
        <label htmlFor="export-format">Format</label>
        <select id="export-format" value={format} onChange={(event) => setFormat(event.target.value as FormatId)}>
          {FORMATS.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.label}
            </option>
          ))}
        </select>
        {format === 'png' && (
          <fieldset>
            <legend>Scale</legend>
            {['1', '2', '4'].map((value) => (
              <label key={value} className="choice">
                <input type="radio" name="export-scale" value={value} checked={scale === value} onChange={() => setScale(value)} /> {value}×
              </label>
            ))}
          </fieldset>
        )}
        {picture && (
          <fieldset>
            <legend>Background</legend>
            {(
              [
                ['document', 'As drawn'],
                ['transparent', 'Transparent'],
                ['white', 'White'],
                ['custom', 'Colour'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="choice">
                <input type="radio" name="export-background" value={value} checked={background === value} onChange={() => setBackground(value)} /> {label}
              </label>
            ))}
            {background === 'custom' && (
              <label className="choice">
                Background colour <input type="color" value={colour} onChange={(event) => setColour(event.target.value)} />
              </label>
            )}
          </fieldset>
        )}
        <label className="choice">
          <input type="checkbox" checked={selectionOnly && selection.length > 0} disabled={selection.length === 0} onChange={(event) => setSelectionOnly(event.target.checked)} /> Only the
          selected shapes ({selection.length})
        </label>
        {frames.length > 0 && (
          <>
            <label htmlFor="export-frame">Frame</label>
            <select id="export-frame" value={frame} onChange={(event) => setFrame(event.target.value)} disabled={selectionOnly && selection.length > 0}>
              <option value="">The whole diagram</option>
              {frames.map((shape) => (
                <option key={shape.id} value={shape.id}>
                  {shape.text || shape.id}
                </option>
              ))}
            </select>
          </>
        )}
        <div className="dialog-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Exporting…' : 'Download'}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </form>
    </Dialog>
  );
}
