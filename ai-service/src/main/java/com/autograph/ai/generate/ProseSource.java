package com.autograph.ai.generate;

import java.util.function.Consumer;

/**
 * Answers in prose about a diagram (explain, critique, suggest). {@code diagramCode} is
 * the diagram as code; {@code task} is "explain", "critique" or "suggest".
 */
public interface ProseSource extends NamedSource {

    String answer(String task, String diagramCode, String instruction, Consumer<String> partial);

}
