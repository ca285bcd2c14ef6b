package com.autograph.ai.generate;

/** Something that answers for the AI service under a name a request may ask for. */
public interface NamedSource {

    /**
     * Stable name used in requests, answers, history and metrics ("offline", "openai",
     * ...).
     */
    String name();

}
