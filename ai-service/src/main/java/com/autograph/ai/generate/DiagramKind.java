package com.autograph.ai.generate;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of diagram the AI service draws, the code language each is written in and the
 * header that code starts with.
 */
public enum DiagramKind {

    ARCHITECTURE("eraser", null), FLOWCHART("mermaid", "flowchart"), SEQUENCE("mermaid", "sequenceDiagram"),
    ER("mermaid", "erDiagram"), CLASS("mermaid", "classDiagram"), STATE("mermaid", "stateDiagram"),
    GANTT("mermaid", "gantt");

    private final String language;

    private final String header;

    DiagramKind(String language, String header) {
        this.language = language;
        this.header = header;
    }

    /** Lower-case name used in the API ("architecture", "er", ...). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String language() {
        return language;
    }

    public static Optional<DiagramKind> of(String id) {
        for (DiagramKind k : values()) {
            if (k.id().equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /**
     * The kind a piece of code draws, from its language and first meaningful line (Eraser
     * code is always an architecture diagram; Mermaid flowcharts written as {@code graph}
     * count as flowcharts).
     */
    public static Optional<DiagramKind> ofCode(String language, String code) {
        if ("eraser".equals(language)) {
            return Optional.of(ARCHITECTURE);
        }
        if (code == null) {
            return Optional.empty();
        }
        for (String line : code.lines().toList()) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("%%") || t.startsWith("---") || t.startsWith("title:")) {
                continue;
            }
            String word = t.split("[\\s{]", 2)[0];
            if (word.equals("graph") || word.startsWith("flowchart")) {
                return Optional.of(FLOWCHART);
            }
            for (DiagramKind k : values()) {
                if (k.header != null && word.startsWith(k.header)) {
                    return Optional.of(k);
                }
            }
            if (word.startsWith("architecture")) {
                return Optional.of(ARCHITECTURE);
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

}
