package com.autograph.ai.generate;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The kind of diagram a prompt asks for, from the words it uses: an explicit name
 * ("sequence diagram", "ER diagram", "gantt") wins; otherwise cue words are counted.
 * Empty when the prompt names no kind and has no cue.
 */
public final class KindDetector {

    private static final Map<DiagramKind, Pattern> EXPLICIT = new EnumMap<>(DiagramKind.class);

    private static final Map<DiagramKind, Pattern> CUES = new EnumMap<>(DiagramKind.class);

    static {
        EXPLICIT.put(DiagramKind.SEQUENCE, words("sequence diagram", "sequence", "sequence chart"));
        EXPLICIT.put(DiagramKind.ER, words("er diagram", "erd", "entity relationship", "entity-relationship",
                "database schema", "data model", "schema"));
        EXPLICIT.put(DiagramKind.CLASS, words("class diagram", "uml class", "uml classes", "class hierarchy"));
        EXPLICIT.put(DiagramKind.STATE, words("state diagram", "state machine", "statechart", "state chart",
                "state transitions", "lifecycle states"));
        EXPLICIT.put(DiagramKind.GANTT,
                words("gantt", "gantt chart", "project plan", "project timeline", "project schedule", "roadmap"));
        EXPLICIT.put(DiagramKind.FLOWCHART, words("flowchart", "flow chart", "flow diagram", "decision tree"));
        EXPLICIT.put(DiagramKind.ARCHITECTURE, words("architecture", "architecture diagram", "infrastructure",
                "cloud diagram", "deployment diagram", "system design", "network diagram"));
        CUES.put(DiagramKind.SEQUENCE, words("interaction", "interactions", "handshake", "request response",
                "message exchange", "calls", "sends", "replies", "responds", "authorization code", "token exchange"));
        CUES.put(DiagramKind.ER, words("entities", "entity", "tables", "table", "foreign key", "primary key",
                "has many", "belongs to", "one to many", "many to many"));
        CUES.put(DiagramKind.CLASS, words("classes", "inherits", "inheritance", "extends", "subclass", "subclasses",
                "interface", "abstract class", "methods"));
        CUES.put(DiagramKind.STATE,
                words("states", "transitions", "lifecycle", "life cycle", "transitions to", "status changes"));
        CUES.put(DiagramKind.GANTT, words("timeline", "schedule", "milestones", "milestone", "sprints", "sprint",
                "phases", "weeks", "deadline"));
        CUES.put(DiagramKind.FLOWCHART, words("process", "workflow", "steps", "step", "decision", "if", "otherwise",
                "approval", "procedure", "flow", "pipeline", "onboarding"));
        CUES.put(DiagramKind.ARCHITECTURE,
                words("aws", "azure", "gcp", "google cloud", "kubernetes", "k8s", "microservices", "services",
                        "load balancer", "deployment", "cluster", "serverless", "3-tier", "three tier", "three-tier",
                        "cdn", "vpc", "database", "queue", "cache"));
    }

    private KindDetector() {
    }

    private static Pattern words(String... phrases) {
        StringBuilder b = new StringBuilder("(?<![\\p{L}\\p{N}])(?:");
        for (int i = 0; i < phrases.length; i++) {
            b.append(i == 0 ? "" : "|").append(Pattern.quote(phrases[i]));
        }
        return Pattern.compile(b.append(")(?![\\p{L}\\p{N}])").toString());
    }

    public static Optional<DiagramKind> detect(String prompt) {
        String p = prompt.toLowerCase(Locale.ROOT);
        // Explicit names: the earliest one wins ("a sequence diagram of the checkout
        // architecture").
        DiagramKind explicit = null;
        int at = Integer.MAX_VALUE;
        for (Map.Entry<DiagramKind, Pattern> e : EXPLICIT.entrySet()) {
            var m = e.getValue().matcher(p);
            if (m.find() && m.start() < at) {
                at = m.start();
                explicit = e.getKey();
            }
        }
        if (explicit != null) {
            return Optional.of(explicit);
        }
        DiagramKind best = null;
        int bestCount = 0;
        for (Map.Entry<DiagramKind, Pattern> e : CUES.entrySet()) {
            int count = (int) e.getValue().matcher(p).results().count();
            if (count > bestCount) {
                bestCount = count;
                best = e.getKey();
            }
        }
        return Optional.ofNullable(best);
    }

}
