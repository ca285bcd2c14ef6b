package com.autograph.ai.generate;

/**
 * Progress of one generation, as the event stream sends it: {@code stage} events (draft,
 * parse, retry, fallback, icons, layout, score, done), {@code partial} code as a source
 * streams it, and the final {@code document}.
 */
public record PipelineEvent(String type, String stage, Object data) {

    static PipelineEvent stage(String stage, Object data) {
        return new PipelineEvent("stage", stage, data);
    }

    static PipelineEvent partial(String text) {
        return new PipelineEvent("partial", "draft", text);
    }

}
