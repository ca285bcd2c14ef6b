// The editor's AI panel: change the open diagram by an instruction (ai-service refines the file's
// head and saves it; the canvas then reloads it), and explain, critique or suggest in prose.
import { useId, useState, type FormEvent } from 'react';
import { api, call } from '../api/client';
import { ErrorMessage } from '../ui/ui';
import { GenerationProgress } from './GenerationProgress';
import { aiErrorMessage } from './stream';
import { useGeneration } from './useGeneration';

const TASKS = [
  { task: 'explain', label: 'Explain' },
  { task: 'critique', label: 'Critique' },
  { task: 'suggest', label: 'Suggest' },
] as const;

export interface AiPanelProps {
  fileId: string;
  readOnly: boolean;
  /** Saves the canvas's unsaved edits first: the refinement starts from the server's head. */
  beforeChange: () => Promise<void>;
  /** The file's head changed on the server: show it. */
  onChanged: () => void;
}

export function AiPanel({ fileId, readOnly, beforeChange, onChanged }: AiPanelProps) {
  const [instruction, setInstruction] = useState('');
  const [summary, setSummary] = useState('');
  const [prose, setProse] = useState<{ task: string; text: string } | null>(null);
  const [proseError, setProseError] = useState<string | null>(null);
  const [asking, setAsking] = useState<string | null>(null);
  const generation = useGeneration();
  const instructionId = useId();

  const refine = async (event: FormEvent) => {
    event.preventDefault();
    const text = instruction.trim();
    if (!text) return;
    setSummary('');
    await beforeChange();
    const answer = await generation.run(`/api/ai/files/${encodeURIComponent(fileId)}/refine`, { instruction: text });
    if (!answer) return;
    setInstruction('');
    setSummary(`Changed by ${answer.rule_based ? 'the offline generator' : answer.model ?? answer.source ?? 'the AI'}${answer.quality?.score !== undefined ? `; quality ${answer.quality.score}/100` : ''}.`);
    onChanged();
  };

  const ask = async (task: (typeof TASKS)[number]['task']) => {
    setAsking(task);
    setProseError(null);
    try {
      await beforeChange();
      const answer = await call(api.POST('/api/ai/{task}', { params: { path: { task } }, body: { file_id: fileId } }));
      setProse({ task, text: answer.text ?? '' });
    } catch (failure) {
      setProse(null);
      setProseError(aiErrorMessage(failure));
    } finally {
      setAsking(null);
    }
  };

  return (
    <section className="ai-panel" aria-labelledby="ai-panel-heading">
      <h2 id="ai-panel-heading">AI</h2>
      {!readOnly && (
        <form onSubmit={(e) => void refine(e)} className="ai-form">
          <label htmlFor={instructionId}>Change this diagram</label>
          <textarea
            id={instructionId}
            rows={3}
            maxLength={4000}
            value={instruction}
            placeholder="e.g. add a Redis cache connected to the API"
            onChange={(e) => setInstruction(e.target.value)}
          />
          <button type="submit" className="primary" disabled={generation.running || !instruction.trim()}>
            {generation.running ? 'Changing…' : 'Change'}
          </button>
        </form>
      )}
      <GenerationProgress stages={generation.stages} code={generation.code} running={generation.running} />
      <ErrorMessage error={generation.error} />
      {summary && (
        <p className="hint" role="status">
          {summary}
        </p>
      )}
      <div className="ai-ask" role="group" aria-label="Ask about this diagram">
        {TASKS.map(({ task, label }) => (
          <button key={task} type="button" disabled={asking !== null} aria-pressed={prose?.task === task} onClick={() => void ask(task)}>
            {asking === task ? `${label}…` : label}
          </button>
        ))}
      </div>
      <ErrorMessage error={proseError} />
      {prose && (
        <div className="ai-answer" data-task={prose.task} aria-live="polite">
          <h3>{TASKS.find((t) => t.task === prose.task)?.label}</h3>
          {prose.text.split(/\n+/).map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      )}
    </section>
  );
}
