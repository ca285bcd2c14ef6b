package com.autograph.document.mermaid;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.document.code.CodeError;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Mermaid's configuration as the code carries it: the {@code config:} of the YAML front
 * matter, then every {@code %%{init: ...}%%} directive over it (later ones win, as in
 * Mermaid). The parsers read their own section (e.g. {@code gitGraph.mainBranchName});
 * the text itself is kept as written, so rendering reproduces it.
 */
final class MermaidConfig {

    /**
     * Front matter longer than this is not read: Mermaid's is a few lines, and a YAML
     * parser spends seconds on megabytes.
     */
    static final int MAX_FRONT_MATTER_CHARS = 65_536;

    /** Settings nest a few levels deep; deeper ones only cost stack and time. */
    static final int MAX_NESTING = 32;

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
        .maxNestingDepth(MAX_NESTING)
        .build();

    private static final ObjectMapper YAML = YAMLMapper
        .builder(YAMLFactory.builder().streamReadConstraints(CONSTRAINTS).build())
        .build();

    /**
     * Directive bodies are JavaScript object literals more often than JSON: single
     * quotes, bare keys and trailing commas are allowed.
     */
    private static final ObjectMapper LENIENT_JSON = JsonMapper
        .builder(JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build())
        .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES,
                JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_JAVA_COMMENTS)
        .build();

    private static final Pattern DIRECTIVE = Pattern.compile("(?s)^%%(\\{.*})%%$");

    private MermaidConfig() {
    }

    /**
     * Reads the {@code config:} of front matter whose first line is line
     * {@code firstLine} of the code into {@code config}; a YAML error is reported at its
     * line.
     */
    static void fromFrontMatter(String yaml, int firstLine, ObjectNode config, List<CodeError> errors) {
        if (yaml.isBlank()) {
            return;
        }
        if (yaml.length() > MAX_FRONT_MATTER_CHARS) {
            errors.add(new CodeError(firstLine, 1,
                    "the front matter is longer than " + MAX_FRONT_MATTER_CHARS + " characters, so it is not read",
                    "keep only the settings in it"));
            return;
        }
        try {
            JsonNode tree = YAML.readTree(yaml);
            if (tree != null && tree.get("config") instanceof ObjectNode c) {
                merge(config, c);
            }
        }
        catch (StreamConstraintsException e) {
            errors.add(new CodeError(firstLine, 1, "the front matter nests deeper than " + MAX_NESTING + " levels",
                    "settings nest a few levels: `config:`, the diagram type, then `key: value`"));
        }
        catch (JacksonException e) {
            int line = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation().getLineNr() : 1;
            String why = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").strip();
            errors.add(new CodeError(firstLine + line - 1, 1,
                    "the front matter is not valid YAML" + (why.isEmpty() ? "" : ": " + why),
                    "write settings as `config:` followed by indented `key: value` lines"));
        }
    }

    /**
     * Merges the settings of an {@code %%{init: {...}}%%} (or {@code initialize})
     * directive into {@code config}. Other directives and unreadable ones change nothing:
     * Mermaid ignores them too, and the text is kept either way.
     */
    static void fromDirective(String directive, ObjectNode config) {
        Matcher m = DIRECTIVE.matcher(directive);
        if (!m.matches()) {
            return;
        }
        try {
            JsonNode body = LENIENT_JSON.readTree(m.group(1));
            for (String key : List.of("init", "initialize")) {
                if (body.get(key) instanceof ObjectNode settings) {
                    merge(config, settings);
                }
            }
        }
        catch (JacksonException e) {
            // not an object literal Mermaid would read either: kept as text, applied
            // never
        }
    }

    /** Copies {@code from} into {@code into}, objects merged key by key. */
    private static void merge(ObjectNode into, ObjectNode from) {
        for (Map.Entry<String, JsonNode> e : from.properties()) {
            if (e.getValue() instanceof ObjectNode inner && into.get(e.getKey()) instanceof ObjectNode existing) {
                merge(existing, inner);
            }
            else {
                into.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

}
