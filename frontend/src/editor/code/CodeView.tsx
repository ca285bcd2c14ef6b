// The code side of the split view: the diagram as Mermaid or Eraser code in CodeMirror 6. Typing
// parses the code on the server (debounced); errors become inline diagnostics at their line and
// column, a clean parse becomes the document (onDocument). A document changed elsewhere (the
// canvas, a collaborator) is written back as code while the editor does not have the focus.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Annotation, Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, highlightActiveLine } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { tags } from '@lezer/highlight';
import { api, call } from '../../api/client';
import { messageOf } from '../../api/problem';
import { ErrorMessage } from '../../ui/ui';
import { asDocument, asJsonBody, type Document } from '../document';
import { CODE_LANGUAGES, type CodeLanguageId } from './languages';
import { keepPlaces, sameDocument } from './sync';

/** How long typing pauses before the code is parsed. */
const PARSE_DELAY_MS = 250;

/** Marks a change the app made (code rendered from the document), which must not be parsed back. */
const fromDocument = Annotation.define<boolean>();

// Colours from the app's theme variables, so both colour schemes keep their contrast.
const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: 'var(--code-keyword)', fontWeight: '600' },
  { tag: tags.operator, color: 'var(--code-operator)', fontWeight: '600' },
  { tag: tags.string, color: 'var(--code-string)' },
  { tag: tags.comment, color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: tags.number, color: 'var(--code-number)' },
  { tag: tags.atom, color: 'var(--code-number)' },
  { tag: tags.propertyName, color: 'var(--code-property)' },
  { tag: tags.invalid, color: 'var(--danger)', textDecoration: 'underline wavy' },
  { tag: [tags.bracket, tags.brace, tags.punctuation], color: 'var(--text-soft)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--bg-raised)', color: 'var(--text)' },
  '.cm-content': { fontFamily: 'var(--mono, ui-monospace, monospace)', caretColor: 'var(--text)' },
  '.cm-gutters': { backgroundColor: 'var(--bg-soft)', color: 'var(--text-soft)', border: 'none' },
  '.cm-activeLine': { backgroundColor: 'var(--code-active-line)' },
  '&.cm-focused': { outline: '2px solid var(--focus)' },
});

interface Props {
  doc: Document;
  onDocument: (doc: Document) => void;
  readOnly: boolean;
}

type Status = { kind: 'idle' | 'parsing' | 'ok' | 'errors' | 'rendering'; text: string };

export function CodeView({ doc, onDocument, readOnly }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  const readOnlySlot = useRef(new Compartment());
  const [language, setLanguage] = useState<CodeLanguageId>('mermaid');
  const [status, setStatus] = useState<Status>({ kind: 'idle', text: '' });
  const [error, setError] = useState<string | null>(null);
  const [layingOut, setLayingOut] = useState(false);
  // The document the code shows (last parsed or rendered): a prop equal to it needs no render.
  const shown = useRef<Document | null>(null);
  const latestDoc = useRef(doc);
  latestDoc.current = doc;
  const parseTimer = useRef<number | undefined>(undefined);
  const parseSequence = useRef(0);
  const languageRef = useRef(language);
  languageRef.current = language;
  const onDocumentRef = useRef(onDocument);
  onDocumentRef.current = onDocument;

  const parse = useCallback(async () => {
    const editor = view.current;
    if (!editor) return;
    const sequence = ++parseSequence.current;
    const code = editor.state.doc.toString();
    const editedAt = performance.now();
    setStatus({ kind: 'parsing', text: 'Checking…' });
    try {
      const answer = await call(api.POST('/api/diagrams/code/parse', { body: { code, language: languageRef.current } }));
      if (sequence !== parseSequence.current) return; // newer typing won
      const received = performance.now();
      if (!answer.ok) {
        const diagnostics: Diagnostic[] = (answer.errors ?? []).map((problem) => {
          const lineNumber = Math.min(Math.max(problem.line ?? 1, 1), editor.state.doc.lines);
          const line = editor.state.doc.line(lineNumber);
          const from = Math.min(line.from + Math.max((problem.column ?? 1) - 1, 0), line.to);
          return {
            from,
            to: Math.max(from, Math.min(line.to, from + 1)),
            severity: 'error',
            message: problem.suggestion ? `${problem.message} ${problem.suggestion}` : (problem.message ?? 'Error'),
            source: `line ${lineNumber}, column ${problem.column ?? 1}`,
          };
        });
        editor.dispatch(setDiagnostics(editor.state, diagnostics));
        const count = diagnostics.length;
        setStatus({ kind: 'errors', text: `${count} ${count === 1 ? 'error' : 'errors'}: ${diagnostics[0]?.source ?? ''} — ${diagnostics[0]?.message ?? ''}` });
        return;
      }
      editor.dispatch(setDiagnostics(editor.state, []));
      let { document, unplaced } = keepPlaces(asDocument(answer.document), latestDoc.current);
      if (unplaced) {
        const laidOut = await call(api.POST('/api/diagrams/layout', { body: { document: asJsonBody(document) } }));
        if (sequence !== parseSequence.current) return;
        document = asDocument(laidOut.document);
      }
      shown.current = document;
      const beforeApply = performance.now();
      onDocumentRef.current(document);
      // Time spent on this machine between the answer and the document reaching the editor.
      performance.measure('autograph:code-to-document', { start: received, end: performance.now() });
      performance.measure('autograph:code-edit-to-document', { start: editedAt, end: performance.now() });
      setStatus({ kind: 'ok', text: `Up to date: ${document.shapes.length} shapes (${Math.round(performance.now() - beforeApply)} ms to apply).` });
      setError(null);
    } catch (failure) {
      if (sequence !== parseSequence.current) return;
      setStatus({ kind: 'idle', text: '' });
      setError(messageOf(failure));
    }
  }, []);

  // The editor itself, created once.
  useEffect(() => {
    if (!host.current) return;
    // In a shadow root CodeMirror styles itself with a constructed style sheet, which the app's
    // Content-Security-Policy (style-src 'self', no inline <style>) allows; in the document
    // itself it would add a <style> element, which the policy blocks.
    const shadow = host.current.shadowRoot ?? host.current.attachShadow({ mode: 'open' });
    const editor = new EditorView({
      root: shadow,
      parent: shadow,
      state: EditorState.create({
        doc: '',
        extensions: [
          lineNumbers(),
          highlightActiveLine(),
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          languageSlot.current.of(CODE_LANGUAGES[0].highlight),
          readOnlySlot.current.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
          syntaxHighlighting(highlight),
          lintGutter(),
          theme,
          EditorView.contentAttributes.of({ 'aria-label': 'Diagram code', 'aria-multiline': 'true' }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged || update.transactions.some((t) => t.annotation(fromDocument))) return;
            window.clearTimeout(parseTimer.current);
            parseTimer.current = window.setTimeout(() => void parse(), PARSE_DELAY_MS);
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      window.clearTimeout(parseTimer.current);
      editor.destroy();
      view.current = null;
    };
    // readOnly is applied by its own effect; the editor is made once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [parse]);

  useEffect(() => {
    view.current?.dispatch({
      effects: readOnlySlot.current.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
    });
  }, [readOnly]);

  // Document → code, for a document the code did not produce, while the person is not typing.
  const renderCode = useCallback(async (document: Document, into: CodeLanguageId) => {
    const editor = view.current;
    if (!editor) return;
    setStatus({ kind: 'rendering', text: 'Writing the code…' });
    try {
      const answer = await call(api.POST('/api/diagrams/render-code', { body: { document: asJsonBody(document), language: into } }));
      if (!view.current || view.current.hasFocus) return;
      shown.current = document;
      editor.dispatch({
        changes: { from: 0, to: editor.state.doc.length, insert: answer.code ?? '' },
        annotations: fromDocument.of(true),
      });
      editor.dispatch(setDiagnostics(editor.state, []));
      setStatus({ kind: 'ok', text: `Up to date: ${document.shapes.length} shapes.` });
      setError(null);
    } catch (failure) {
      setStatus({ kind: 'idle', text: '' });
      setError(messageOf(failure));
    }
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (!editor || editor.hasFocus || sameDocument(shown.current, doc)) return;
    void renderCode(doc, languageRef.current);
  }, [doc, renderCode]);

  const switchLanguage = (next: CodeLanguageId) => {
    setLanguage(next);
    const entry = CODE_LANGUAGES.find((l) => l.id === next) ?? CODE_LANGUAGES[0];
    view.current?.dispatch({ effects: languageSlot.current.reconfigure(entry.highlight) });
    void renderCode(latestDoc.current, next);
  };

  const layout = async () => {
    setLayingOut(true);
    try {
      const answer = await call(api.POST('/api/diagrams/layout', { body: { document: asJsonBody(latestDoc.current) } }));
      onDocument(asDocument(answer.document));
      setError(null);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setLayingOut(false);
    }
  };

  return (
    <section className="code-view" aria-label="Code">
      <div className="panel-toolbar">
        <label>
          Language{' '}
          <select value={language} onChange={(event) => switchLanguage(event.target.value as CodeLanguageId)}>
            {CODE_LANGUAGES.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void layout()} disabled={readOnly || layingOut}>
          {layingOut ? 'Laying out…' : 'Layout'}
        </button>
      </div>
      <ErrorMessage error={error} />
      <div className="code-editor" ref={host} />
      <p className={`code-status code-status-${status.kind}`} role="status" aria-live="polite">
        {status.text}
      </p>
    </section>
  );
}
