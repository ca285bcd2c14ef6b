package com.autograph.document.formats.structurizr;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.autograph.document.formats.structurizr.Lexer.Token;

/** What the parser reads before it becomes shapes: elements, relationships, styles. */
final class Model {

    /** Element keywords, the C4 kind each is shown as, and what each may contain. */
    static final Map<String, String> KINDS = Map.ofEntries(Map.entry("person", "Person"),
            Map.entry("softwareSystem", "Software System"), Map.entry("container", "Container"),
            Map.entry("component", "Component"), Map.entry("deploymentEnvironment", "Deployment Environment"),
            Map.entry("deploymentNode", "Deployment Node"), Map.entry("infrastructureNode", "Infrastructure Node"),
            Map.entry("containerInstance", "Container Instance"),
            Map.entry("softwareSystemInstance", "Software System Instance"), Map.entry("group", "Group"),
            Map.entry("enterprise", "Enterprise"), Map.entry("element", "Element"));

    static final Map<String, List<String>> CHILDREN = Map.ofEntries(
            Map.entry("model",
                    List.of("person", "softwareSystem", "deploymentEnvironment", "group", "enterprise", "element")),
            Map.entry("enterprise", List.of("person", "softwareSystem", "group")),
            Map.entry("softwareSystem", List.of("container", "group")),
            Map.entry("container", List.of("component", "group")), Map.entry("component", List.of()),
            Map.entry("person", List.of()), Map.entry("element", List.of()),
            Map.entry("deploymentEnvironment", List.of("deploymentNode", "group")),
            Map.entry("deploymentNode",
                    List.of("deploymentNode", "infrastructureNode", "containerInstance", "softwareSystemInstance",
                            "group")),
            Map.entry("infrastructureNode", List.of()), Map.entry("containerInstance", List.of()),
            Map.entry("softwareSystemInstance", List.of()));

    /** Properties an element or relationship block may set in its own statement. */
    static final List<String> PROPERTIES = List.of("description", "technology", "tags", "tag", "url");

    /** Blocks and directives that say nothing about the drawing: kept as written. */
    static final List<String> KEPT = List.of("properties", "perspectives", "!docs", "!adrs", "url", "instances",
            "healthCheck", "!impliedRelationships", "!implied-relationships");

    static final class Element {

        final String keyword;

        final Element parent;

        final int line;

        final int column;

        final List<Element> children = new ArrayList<>();

        final List<String> lines = new ArrayList<>();

        String name;

        String description;

        String technology;

        final List<String> tags = new ArrayList<>();

        /** As written before {@code =}, and the full (hierarchical) one. */
        String identifier;

        String fullIdentifier;

        /** For instances: the element they are an instance of. */
        Token instanceOf;

        Element resolvedInstance;

        /** The shape's id, given once everything is read. */
        String id;

        Element(String keyword, Element parent, int line, int column) {
            this.keyword = keyword;
            this.parent = parent;
            this.line = line;
            this.column = column;
        }

        boolean isGroup() {
            return keyword.equals("group") || keyword.equals("enterprise");
        }

        boolean isInstance() {
            return keyword.equals("containerInstance") || keyword.equals("softwareSystemInstance");
        }

        /** The nearest enclosing element that is not a group: where identifiers nest. */
        Element scope() {
            Element p = parent;
            while (p != null && p.isGroup()) {
                p = p.parent;
            }
            return p;
        }

        /** The tags styles match: the element's kind's, then its own. */
        List<String> allTags() {
            List<String> all = new ArrayList<>(List.of("Element", KINDS.get(keyword)));
            all.addAll(tags);
            return all;
        }

    }

    static final class Relationship {

        final int line;

        final int column;

        final Element scope;

        /** The source: a reference, or the element whose block implies it. */
        final Token sourceRef;

        final Element impliedSource;

        final Token destinationRef;

        final List<String> lines = new ArrayList<>();

        final List<String> tags = new ArrayList<>();

        String identifier;

        String description;

        String technology;

        Element source;

        Element destination;

        String id;

        Relationship(int line, int column, Element scope, Token sourceRef, Element impliedSource,
                Token destinationRef) {
            this.line = line;
            this.column = column;
            this.scope = scope;
            this.sourceRef = sourceRef;
            this.impliedSource = impliedSource;
            this.destinationRef = destinationRef;
        }

        List<String> allTags() {
            List<String> all = new ArrayList<>(List.of("Relationship"));
            all.addAll(tags);
            return all;
        }

    }

    /** One {@code element "Tag" {…}} or {@code relationship "Tag" {…}} of the styles. */
    record StyleRule(boolean relationship, String tag, Map<String, String> properties) {
    }

    /** Tags as written: {@code "a,b"} or several strings. */
    static List<String> splitTags(String tags) {
        List<String> out = new ArrayList<>();
        for (String t : tags.split(",")) {
            if (!t.isBlank()) {
                out.add(t.strip());
            }
        }
        return out;
    }

    static String key(String identifier) {
        return identifier.toLowerCase(Locale.ROOT);
    }

    private Model() {
    }

}
