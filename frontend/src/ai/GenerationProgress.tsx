// What a running generation has done so far: its stages as they stream in, and the code drafted.
import { describeStage, type Stage } from './stream';

export function GenerationProgress({ stages, code, running }: { stages: Stage[]; code: string; running: boolean }) {
  if (!stages.length && !code) return null;
  return (
    <div className="ai-progress">
      <h3 className="visually-hidden">Progress</h3>
      <ol className="ai-stages" aria-label="Stages" aria-live="polite">
        {stages.map((stage, i) => (
          <li key={i} data-stage={stage.stage}>
            {describeStage(stage)}
          </li>
        ))}
        {running && <li className="hint">working…</li>}
      </ol>
      {code && (
        <>
          <h3 className="ai-code-heading">Code so far</h3>
          <pre className="ai-code" tabIndex={0} aria-label="Code so far">
            {code}
          </pre>
        </>
      )}
    </div>
  );
}
