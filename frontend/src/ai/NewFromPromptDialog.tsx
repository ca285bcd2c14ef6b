// "New from prompt" on the dashboard: a prompt (or one of ai-service's templates) becomes a new
// file, with the generation's stages and code shown as they stream in; the new file opens after.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { api, call, type Schemas } from '../api/client';
import { navigate } from '../app/router';
import { Dialog, ErrorMessage, Field } from '../ui/ui';
import { GenerationProgress } from './GenerationProgress';
import { useGeneration } from './useGeneration';

type Template = Schemas['Template'];

/** ai-service's limit on a prompt (AI_MAX_PROMPT_CHARS' default); the server checks it again. */
const MAX_PROMPT = 4000;

export function NewFromPromptDialog({ open, folderId, onClose }: { open: boolean; folderId: string | null; onClose: () => void }) {
  const [prompt, setPrompt] = useState('');
  const [title, setTitle] = useState('');
  const [provider, setProvider] = useState('');
  const [templates, setTemplates] = useState<Template[]>([]);
  const generation = useGeneration();
  const promptId = useId();
  const templateId = useId();
  const providerId = useId();

  useEffect(() => {
    if (!open) return;
    setPrompt('');
    setTitle('');
    call(api.GET('/api/ai/templates'))
      .then((answer) => setTemplates(answer.templates ?? []))
      .catch(() => setTemplates([])); // the gallery is a convenience: a prompt works without it
  }, [open]);

  const close = () => {
    generation.cancel();
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = prompt.trim();
    if (!text) return;
    const answer = await generation.run('/api/ai/generate', {
      prompt: text,
      save: true,
      title: title.trim() || undefined,
      provider: provider || undefined,
    });
    if (!answer?.file_id) return;
    // The file is saved at the top level; a prompt started in a folder puts it there.
    if (folderId) await call(api.POST('/api/diagrams/{id}/move', { params: { path: { id: answer.file_id } }, body: { folder_id: folderId } })).catch(() => undefined);
    onClose();
    navigate(`/files/${answer.file_id}`);
  };

  return (
    <Dialog title="New diagram from a prompt" open={open} onClose={close}>
      <form onSubmit={(e) => void submit(e)} className="ai-form">
        {templates.length > 0 && (
          <div className="field">
            <label htmlFor={templateId}>Start from a template</label>
            <select
              id={templateId}
              value=""
              onChange={(e) => {
                const chosen = templates.find((t) => t.id === e.target.value);
                if (chosen) {
                  setPrompt(chosen.prompt ?? '');
                  if (!title) setTitle(chosen.title ?? '');
                }
              }}
            >
              <option value="">Choose a template…</option>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.title} ({t.type})
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor={promptId}>Describe the diagram</label>
          <textarea id={promptId} value={prompt} onChange={(e) => setPrompt(e.target.value)} rows={4} maxLength={MAX_PROMPT} required autoFocus />
        </div>
        <Field label="Title (optional)" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={255} />
        <div className="field">
          <label htmlFor={providerId}>Generator</label>
          <select id={providerId} value={provider} onChange={(e) => setProvider(e.target.value)}>
            <option value="">The platform's default</option>
            <option value="offline">Offline (rule-based, no AI provider)</option>
          </select>
        </div>
        <GenerationProgress stages={generation.stages} code={generation.code} running={generation.running} />
        <ErrorMessage error={generation.error} />
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button className="primary" type="submit" disabled={generation.running || !prompt.trim()}>
            {generation.running ? 'Generating…' : 'Generate'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
