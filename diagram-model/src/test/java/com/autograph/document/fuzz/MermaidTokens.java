package com.autograph.document.fuzz;

import java.util.List;

/**
 * Mutation tokens of the Mermaid diagram types added after the first ones (mindmap,
 * timeline, journey, kanban, packet, requirementDiagram), kept apart from the
 * {@link Target#MERMAID} list so each group of types adds its own.
 */
final class MermaidTokens {

    static final List<String> NEW_TYPES = List.of("mindmap\n", "timeline\n", "timeline TD\n", "journey\n", "kanban\n",
            "packet\n", "packet-beta\n", "requirementDiagram\n", "::icon(fa fa-book)", ":::urgent", "))bang((",
            ")cloud(", "\"`**md**", "`\"", "@{ assigned: 'knsv', ticket: MC-1, priority: 'High' }", "requirement r {\n",
            "element e {\n", "functionalRequirement ", "designConstraint ", "id: 1\n", "risk: high\n",
            "verifymethod: test\n", "type: simulation\n", "docRef: ", " - satisfies -> ", " <- copies - ",
            " - contains -> ", "title ", ": event ", "Make tea: 5: Me, Cat", "0-15: \"Port\"\n", "+16: \"Port\"\n",
            "106: \"URG\"\n", "99999999-", "\n  ", "\n        ");

    private MermaidTokens() {
    }

}
