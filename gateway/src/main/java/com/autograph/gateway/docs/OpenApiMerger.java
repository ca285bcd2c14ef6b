package com.autograph.gateway.docs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges the OpenAPI documents of the services into one. Paths never clash (each service
 * owns its prefix). Components (schemas, parameters…) of the same name are shared when
 * equal; when two services mean different things by one name, the later one's is renamed
 * with its service as a prefix ({@code diagram-service.Page}) and its references
 * rewritten, so no definition is lost.
 */
final class OpenApiMerger {

    static final String BEARER = "bearer";
    static final String API_KEY = "api_key";

    private final JsonMapper json;

    OpenApiMerger(JsonMapper json) {
        this.json = json;
    }

    ObjectNode merge(Map<String, JsonNode> documents) {
        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", "3.1.0");
        ObjectNode info = merged.putObject("info");
        info.put("title", "AutoGraph API");
        info.put("version", "1");
        info.put("description", "Every service's API through the gateway. Authenticate with an access token"
                + " (Authorization: Bearer, from POST /api/auth/login) or an API key (X-API-Key).");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ArrayNode tags = merged.putArray("tags");
        ArrayNode services = merged.putArray("x-autograph-services");

        for (Map.Entry<String, JsonNode> entry : documents.entrySet()) {
            String service = entry.getKey();
            JsonNode document = entry.getValue();
            ObjectNode listing = services.addObject();
            listing.put("service", service);
            listing.put("docs", "/api/docs/" + service);
            if (!document.isObject()) {
                listing.put("status", "unavailable");
                continue;
            }
            JsonNode renamed = renameClashes(service, document.deepCopy(), components);
            renamed.path("components").properties().forEach(kind -> {
                ObjectNode target = components.has(kind.getKey()) ? (ObjectNode) components.get(kind.getKey())
                        : components.putObject(kind.getKey());
                kind.getValue().properties().forEach(component -> target.set(component.getKey(), component.getValue()));
            });
            int count = 0;
            for (Map.Entry<String, JsonNode> path : renamed.path("paths").properties()) {
                paths.set(path.getKey(), path.getValue());
                count++;
            }
            for (JsonNode tag : renamed.path("tags")) {
                tags.add(tag);
            }
            listing.put("status", "ok");
            listing.put("paths", count);
        }

        ObjectNode schemes = components.has("securitySchemes") ? (ObjectNode) components.get("securitySchemes")
                : components.putObject("securitySchemes");
        ObjectNode bearer = schemes.putObject(BEARER);
        bearer.put("type", "http");
        bearer.put("scheme", "bearer");
        bearer.put("bearerFormat", "JWT");
        ObjectNode apiKey = schemes.putObject(API_KEY);
        apiKey.put("type", "apiKey");
        apiKey.put("in", "header");
        apiKey.put("name", "X-API-Key");
        ArrayNode security = merged.putArray("security");
        security.addObject().putArray(BEARER);
        security.addObject().putArray(API_KEY);
        return merged;
    }

    /**
     * Renames this document's components that clash with different ones already merged.
     */
    private JsonNode renameClashes(String service, JsonNode document, ObjectNode merged) {
        Map<String, String> references = new HashMap<>();
        JsonNode components = document.path("components");
        if (components.isObject()) {
            for (Map.Entry<String, JsonNode> kind : components.properties()) {
                JsonNode existing = merged.path(kind.getKey());
                ObjectNode renamedKind = json.createObjectNode();
                for (Map.Entry<String, JsonNode> component : kind.getValue().properties()) {
                    String name = component.getKey();
                    JsonNode there = existing.path(name);
                    if (!there.isMissingNode() && !there.equals(component.getValue())) {
                        String renamed = service + "." + name;
                        references.put("#/components/" + kind.getKey() + "/" + name,
                                "#/components/" + kind.getKey() + "/" + renamed);
                        renamedKind.set(renamed, component.getValue());
                    }
                    else {
                        renamedKind.set(name, component.getValue());
                    }
                }
                ((ObjectNode) components).set(kind.getKey(), renamedKind);
            }
        }
        if (!references.isEmpty()) {
            rewriteReferences(document, references);
        }
        return document;
    }

    private static void rewriteReferences(JsonNode node, Map<String, String> references) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && references.containsKey(ref.asString())) {
                object.put("$ref", references.get(ref.asString()));
            }
            List<JsonNode> children = new ArrayList<>();
            object.properties().forEach(property -> children.add(property.getValue()));
            children.forEach(child -> rewriteReferences(child, references));
        }
        else if (node.isArray()) {
            node.forEach(child -> rewriteReferences(child, references));
        }
    }

}
