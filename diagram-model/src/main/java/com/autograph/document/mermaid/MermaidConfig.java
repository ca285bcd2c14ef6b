package com.autograph.document.mermaid;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.document.code.CodeError;

import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Mermaid's configuration as the code carries it: the {@code config:} of the YAML front
 * matter, then every {@code %%{init: ...}%%} directive over it (later ones win, as in
 * Mermaid). The parsers read their own section (e.g. {@code gitGraph.mainBranchName});
 * the text itself is kept as written, so rendering reproduces it.
 */
final class MermaidConfig {

    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    /**
     * Directive bodies are JavaScript object literals more often than JSON: single
     * quotes, bare keys and trailing commas are allowed.
     */
    private static final ObjectMapper LENIENT_JSON = JsonMapper.builder()
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
        try {
            JsonNode tree = YAML.readTree(yaml);
            if (tree != null && tree.get("config") instanceof ObjectNode c) {
                merge(config, c);
            }
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
