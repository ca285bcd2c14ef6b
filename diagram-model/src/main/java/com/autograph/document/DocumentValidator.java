package com.autograph.document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks a document against the current schema version and reports every problem, each
 * with the JSONPath of the offending value. Never throws: malformed JSON is one error at
 * {@code $}.
 *
 * <p>
 * Errors come in a fixed order: first those within values (types, ranges, required
 * fields) for schema_version, each shape in list order (its fields in the order of the
 * tables in docs/diagram-document.md) and background; then those between shapes
 * (duplicate ids, references, parent cycles). Unknown fields are never errors. Null
 * counts as absent for optional fields. A document whose schema_version is older or newer
 * than {@link DiagramDocument#SCHEMA_VERSION} gets only that error, since the rest would
 * be judged by the wrong rules; {@link DocumentCodec#read(String)} migrates older ones
 * first.
 *
 * <p>
 * The rules are those of {@code docs/diagram-document.schema.json}, plus the ones a
 * schema can't express: unique ids, references to existing shapes, parents being frames
 * or groups, no self-references and no parent cycles.
 */
public final class DocumentValidator {

    public static final int MAX_ID_LENGTH = 128;

    public static final int MAX_TEXT_LENGTH = 100_000;

    /** Icon keys and font families. */
    public static final int MAX_NAME_LENGTH = 256;

    /** Image sources, which may be data: URIs; bigger images belong in object storage. */
    public static final int MAX_SRC_LENGTH = 2_000_000;

    /** Bound on every number's magnitude: keeps numbers finite and canvases sane. */
    public static final double MAX_MAGNITUDE = 1e9;

    private static final Pattern COLOR = Pattern
        .compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|transparent");

    /** How many ids of a parent cycle a message lists before eliding the rest. */
    private static final int CYCLE_IDS_SHOWN = 8;

    private DocumentValidator() {
    }

    public static List<ValidationError> validate(String json) {
        if (json == null) {
            return List.of(emptyInput());
        }
        try {
            return validate(Json.parse(json));
        }
        catch (JacksonException e) {
            return List.of(Json.parseError(e));
        }
    }

    public static List<ValidationError> validate(byte[] json) {
        if (json == null) {
            return List.of(emptyInput());
        }
        try {
            return validate(Json.parse(json));
        }
        catch (JacksonException e) {
            return List.of(Json.parseError(e));
        }
    }

    public static List<ValidationError> validate(JsonNode document) {
        if (document == null || document.isMissingNode()) {
            return List.of(emptyInput());
        }
        Run run = new Run();
        run.document(document);
        return List.copyOf(run.errors);
    }

    /**
     * Checks a document built in code (values, references, cycles) before it is stored.
     */
    public static List<ValidationError> validate(DiagramDocument document) {
        return validate(document.sharedTree());
    }

    private static ValidationError emptyInput() {
        return new ValidationError("$", ValidationCode.MALFORMED_JSON,
                "empty input: a diagram document is a JSON object");
    }

    /**
     * The version check, shared with {@link DocumentMigrator}: an error for a
     * schema_version that is not a non-negative integer, or null when it is one (or
     * absent).
     */
    static ValidationError versionFieldError(JsonNode version) {
        String path = "$." + DiagramDocument.VERSION;
        if (!version.isNumber() || !Json.isInteger(version)) {
            return new ValidationError(path, ValidationCode.WRONG_TYPE, "must be an integer");
        }
        double v = Json.toDouble(version);
        if (!(v >= 0 && v <= Integer.MAX_VALUE)) {
            return new ValidationError(path, ValidationCode.OUT_OF_RANGE,
                    "must be a version number from 0 up, was " + version);
        }
        return null;
    }

    static ValidationError tooNew(int version) {
        return new ValidationError("$." + DiagramDocument.VERSION, ValidationCode.VERSION_TOO_NEW,
                "schema_version " + version + " is newer than this build supports (" + DiagramDocument.SCHEMA_VERSION
                        + "); upgrade AutoGraph to read it");
    }

    /** One validation pass; collects errors instead of stopping at the first. */
    private static final class Run {

        private final List<ValidationError> errors = new ArrayList<>();

        /**
         * What the second pass needs of each shape object; null entries for non-objects.
         */
        private final List<ShapeFacts> facts = new ArrayList<>();

        private record ShapeFacts(String path, String id, ShapeType type, String parentId, String startShapeId,
                String endShapeId) {
        }

        void document(JsonNode doc) {
            if (!doc.isObject()) {
                error("$", ValidationCode.WRONG_TYPE, "a diagram document is a JSON object, not " + describe(doc));
                return;
            }
            if (!version(doc)) {
                return;
            }
            JsonNode shapes = doc.get(DiagramDocument.SHAPES);
            if (shapes == null || shapes.isNull()) {
                error("$.shapes", ValidationCode.REQUIRED, "required: the list of shapes (may be empty)");
            }
            else if (!shapes.isArray()) {
                wrongType("$.shapes", "an array of shapes", shapes);
            }
            else {
                for (int i = 0; i < shapes.size(); i++) {
                    facts.add(shape(shapes.get(i), "$.shapes[" + i + "]"));
                }
            }
            color(doc, DiagramDocument.BACKGROUND, "$");
            references();
        }

        /**
         * False when the version rules the document out and nothing else should be
         * checked.
         */
        private boolean version(JsonNode doc) {
            JsonNode version = Json.value(doc, DiagramDocument.VERSION);
            if (version == null) {
                error("$.schema_version", ValidationCode.REQUIRED,
                        "required (currently " + DiagramDocument.SCHEMA_VERSION
                                + "); a document without it is in the legacy"
                                + " format (version 0): read it with DocumentCodec, which migrates it");
                return true;
            }
            ValidationError fieldError = versionFieldError(version);
            if (fieldError != null) {
                errors.add(fieldError);
                return true;
            }
            double v = Json.toDouble(version);
            if (v > DiagramDocument.SCHEMA_VERSION) {
                errors.add(tooNew((int) v));
                return false;
            }
            if (v < DiagramDocument.SCHEMA_VERSION) {
                error("$.schema_version", ValidationCode.VERSION_TOO_OLD,
                        "schema_version " + (int) v + " is an older format; migrate it to "
                                + DiagramDocument.SCHEMA_VERSION
                                + " first (DocumentCodec.read and DocumentMigrator.migrate do)");
                return false;
            }
            return true;
        }

        private ShapeFacts shape(JsonNode s, String path) {
            if (!s.isObject()) {
                wrongType(path, "a shape object", s);
                return null;
            }
            String id = string(s, Shape.ID, path, 1, MAX_ID_LENGTH, true);
            ShapeType type = shapeType(s, path);
            number(s, Shape.X, path, -MAX_MAGNITUDE, MAX_MAGNITUDE);
            number(s, Shape.Y, path, -MAX_MAGNITUDE, MAX_MAGNITUDE);
            number(s, Shape.WIDTH, path, 0, MAX_MAGNITUDE);
            number(s, Shape.HEIGHT, path, 0, MAX_MAGNITUDE);
            number(s, Shape.ROTATION, path, -MAX_MAGNITUDE, MAX_MAGNITUDE);
            integer(s, Shape.Z_INDEX, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
            bool(s, Shape.LOCKED, path);
            bool(s, Shape.HIDDEN, path);
            string(s, Shape.TEXT, path, 0, MAX_TEXT_LENGTH, false);
            string(s, Shape.ICON, path, 1, MAX_NAME_LENGTH, type == ShapeType.ICON);
            String parentId = string(s, Shape.PARENT_ID, path, 1, MAX_ID_LENGTH, false);
            style(s, path);
            boolean connector = type != null && type.isConnector();
            String start = endpoint(s, Shape.START, path, connector);
            String end = endpoint(s, Shape.END, path, connector);
            points(s, path, type == ShapeType.FREEHAND);
            oneOf(s, Shape.ROUTING, path, Routing.class);
            oneOf(s, Shape.START_ARROWHEAD, path, Arrowhead.class);
            oneOf(s, Shape.END_ARROWHEAD, path, Arrowhead.class);
            bool(s, Shape.COLLAPSED, path);
            string(s, Shape.SRC, path, 1, MAX_SRC_LENGTH, type == ShapeType.IMAGE);
            return new ShapeFacts(path, id, type, parentId, start, end);
        }

        private ShapeType shapeType(JsonNode s, String path) {
            JsonNode v = s.get(Shape.TYPE);
            String at = path + "." + Shape.TYPE;
            if (v == null || v.isNull()) {
                error(at, ValidationCode.REQUIRED, "required: one of " + allowed(ShapeType.class));
                return null;
            }
            if (!v.isString()) {
                wrongType(at, "a string", v);
                return null;
            }
            ShapeType type = JsonName.find(ShapeType.class, v.stringValue()).orElse(null);
            if (type == null) {
                error(at, ValidationCode.INVALID_VALUE,
                        "unknown shape type " + quote(v.stringValue()) + "; one of " + allowed(ShapeType.class));
            }
            return type;
        }

        private void style(JsonNode shape, String shapePath) {
            JsonNode style = Json.value(shape, Shape.STYLE);
            String path = shapePath + "." + Shape.STYLE;
            if (style == null) {
                return;
            }
            if (!style.isObject()) {
                wrongType(path, "an object", style);
                return;
            }
            color(style, Style.STROKE_COLOR, path);
            color(style, Style.FILL_COLOR, path);
            oneOf(style, Style.FILL_STYLE, path, FillStyle.class);
            oneOf(style, Style.STROKE_STYLE, path, StrokeStyle.class);
            number(style, Style.STROKE_WIDTH, path, 0, MAX_MAGNITUDE);
            number(style, Style.OPACITY, path, 0, 1);
            number(style, Style.CORNER_RADIUS, path, 0, MAX_MAGNITUDE);
            string(style, Style.FONT_FAMILY, path, 1, MAX_NAME_LENGTH, false);
            fontSize(style, path);
            fontWeight(style, path);
            oneOf(style, Style.TEXT_ALIGN, path, TextAlign.class);
            color(style, Style.TEXT_COLOR, path);
        }

        private void fontSize(JsonNode style, String stylePath) {
            JsonNode v = Json.value(style, Style.FONT_SIZE);
            String at = stylePath + "." + Style.FONT_SIZE;
            if (v == null) {
                return;
            }
            if (!v.isNumber()) {
                wrongType(at, "a number", v);
                return;
            }
            double d = Json.toDouble(v);
            if (!(d > 0 && d <= MAX_MAGNITUDE)) {
                error(at, ValidationCode.OUT_OF_RANGE,
                        "must be greater than 0 and at most " + format(MAX_MAGNITUDE) + ", was " + v);
            }
        }

        private void fontWeight(JsonNode style, String stylePath) {
            JsonNode v = Json.value(style, Style.FONT_WEIGHT);
            String at = stylePath + "." + Style.FONT_WEIGHT;
            if (v == null) {
                return;
            }
            if (v.isString()) {
                if (!Set.of("normal", "bold").contains(v.stringValue())) {
                    error(at, ValidationCode.INVALID_VALUE, "must be \"normal\", \"bold\" or a weight"
                            + " from 1 to 1000, was " + quote(v.stringValue()));
                }
            }
            else if (v.isNumber() && Json.isInteger(v)) {
                double d = Json.toDouble(v);
                if (!(d >= 1 && d <= 1000)) {
                    error(at, ValidationCode.OUT_OF_RANGE, "must be from 1 to 1000, was " + v);
                }
            }
            else {
                wrongType(at, "\"normal\", \"bold\" or an integer weight", v);
            }
        }

        /**
         * Checks a connector end; returns the shape id it binds to, if it is a valid
         * binding.
         */
        private String endpoint(JsonNode shape, String name, String shapePath, boolean required) {
            JsonNode v = Json.value(shape, name);
            String path = shapePath + "." + name;
            if (v == null) {
                if (required) {
                    error(path, ValidationCode.REQUIRED,
                            "an arrow or line needs its " + name + ": {\"shape_id\": ...} or {\"x\": ..., \"y\": ...}");
                }
                return null;
            }
            if (!v.isObject()) {
                wrongType(path, "an object: {\"shape_id\": ...} or {\"x\": ..., \"y\": ...}", v);
                return null;
            }
            // Inside an end, presence decides which form it is, so null is a value, not
            // absence.
            boolean bound = v.has(Endpoint.SHAPE_ID);
            boolean hasX = v.has(Endpoint.X);
            boolean hasY = v.has(Endpoint.Y);
            if (bound && (hasX || hasY)) {
                error(path, ValidationCode.INVALID_ENDPOINT,
                        "either bound to a shape (shape_id) or a" + " free point (x and y), not both");
                return null;
            }
            if (bound) {
                JsonNode id = v.get(Endpoint.SHAPE_ID);
                if (!id.isString()) {
                    wrongType(path + "." + Endpoint.SHAPE_ID, "a string", id);
                    return null;
                }
                return length(path + "." + Endpoint.SHAPE_ID, id.stringValue(), 1, MAX_ID_LENGTH) ? id.stringValue()
                        : null;
            }
            if (!hasX && !hasY) {
                error(path, ValidationCode.INVALID_ENDPOINT, "must name a shape (shape_id) or a point" + " (x and y)");
                return null;
            }
            coordinate(v, Endpoint.X, path);
            coordinate(v, Endpoint.Y, path);
            return null;
        }

        private void coordinate(JsonNode point, String name, String pointPath) {
            String at = pointPath + "." + name;
            JsonNode v = point.get(name);
            if (v == null) {
                error(at, ValidationCode.REQUIRED, "a free point needs x and y");
            }
            else {
                numberValue(v, at, -MAX_MAGNITUDE, MAX_MAGNITUDE);
            }
        }

        private void points(JsonNode shape, String shapePath, boolean required) {
            JsonNode v = Json.value(shape, Shape.POINTS);
            String path = shapePath + "." + Shape.POINTS;
            if (v == null) {
                if (required) {
                    error(path, ValidationCode.REQUIRED, "a freehand shape needs its points: [[x, y], ...]");
                }
                return;
            }
            if (!v.isArray()) {
                wrongType(path, "an array of [x, y] pairs", v);
                return;
            }
            if (required && v.isEmpty()) {
                error(path, ValidationCode.INVALID_LENGTH, "a freehand shape needs at least one point");
            }
            for (int i = 0; i < v.size(); i++) {
                JsonNode p = v.get(i);
                String at = path + "[" + i + "]";
                if (!p.isArray() || p.size() != 2) {
                    error(at, ValidationCode.INVALID_POINT, "must be an [x, y] pair of numbers, was " + describe(p));
                    continue;
                }
                numberValue(p.get(0), at + "[0]", -MAX_MAGNITUDE, MAX_MAGNITUDE);
                numberValue(p.get(1), at + "[1]", -MAX_MAGNITUDE, MAX_MAGNITUDE);
            }
        }

        // ---- second pass: ids and references
        // ----------------------------------------------

        private void references() {
            Map<String, Integer> byId = new HashMap<>();
            for (int i = 0; i < facts.size(); i++) {
                ShapeFacts f = facts.get(i);
                if (f == null || f.id == null) {
                    continue;
                }
                Integer first = byId.putIfAbsent(f.id, i);
                if (first != null) {
                    error(f.path + ".id", ValidationCode.DUPLICATE_ID,
                            "id " + quote(f.id) + " is already used by " + facts.get(first).path);
                }
            }
            int[] parentOf = new int[facts.size()];
            for (int i = 0; i < facts.size(); i++) {
                ShapeFacts f = facts.get(i);
                parentOf[i] = f == null ? -1 : parent(f, byId);
                if (f != null) {
                    binding(f, f.startShapeId, Shape.START, byId);
                    binding(f, f.endShapeId, Shape.END, byId);
                }
            }
            cycles(parentOf);
        }

        /**
         * The index of the shape's valid parent, or -1 (reporting why, if it names one).
         */
        private int parent(ShapeFacts f, Map<String, Integer> byId) {
            if (f.parentId == null) {
                return -1;
            }
            String at = f.path + "." + Shape.PARENT_ID;
            if (f.parentId.equals(f.id)) {
                error(at, ValidationCode.SELF_REFERENCE, "a shape can't be its own parent");
                return -1;
            }
            Integer parent = byId.get(f.parentId);
            if (parent == null) {
                error(at, ValidationCode.UNKNOWN_REFERENCE, "no shape has the id " + quote(f.parentId));
                return -1;
            }
            ShapeType type = facts.get(parent).type;
            if (type != null && !type.isContainer()) {
                error(at, ValidationCode.INVALID_PARENT,
                        "must name a frame or group; " + quote(f.parentId) + " is a " + type.jsonName());
                return -1;
            }
            return parent;
        }

        private void binding(ShapeFacts f, String shapeId, String end, Map<String, Integer> byId) {
            if (shapeId == null) {
                return;
            }
            String at = f.path + "." + end + "." + Endpoint.SHAPE_ID;
            if (shapeId.equals(f.id)) {
                error(at, ValidationCode.SELF_REFERENCE, "a connector can't be bound to itself");
            }
            else if (!byId.containsKey(shapeId)) {
                error(at, ValidationCode.UNKNOWN_REFERENCE, "no shape has the id " + quote(shapeId));
            }
        }

        /**
         * Reports each shape on a parent loop once, at its parent_id. Walks each chain
         * once and iteratively, so long chains cost neither quadratic time nor a deep
         * stack.
         */
        private void cycles(int[] parentOf) {
            byte[] state = new byte[parentOf.length]; // 0 unvisited, 1 on the current
                                                      // walk, 2 done
            for (int start = 0; start < parentOf.length; start++) {
                List<Integer> walk = new ArrayList<>();
                int at = start;
                while (at >= 0 && state[at] == 0) {
                    state[at] = 1;
                    walk.add(at);
                    at = parentOf[at];
                }
                if (at >= 0 && state[at] == 1) {
                    List<Integer> loop = new ArrayList<>(walk.subList(walk.indexOf(at), walk.size()));
                    String ids = loop.stream()
                        .limit(CYCLE_IDS_SHOWN)
                        .map(i -> quote(facts.get(i).id))
                        .collect(Collectors.joining(" → "));
                    String shown = ids + " → " + (loop.size() > CYCLE_IDS_SHOWN ? "…" : quote(facts.get(at).id));
                    loop.sort(null);
                    loop.forEach(i -> error(facts.get(i).path + "." + Shape.PARENT_ID, ValidationCode.PARENT_CYCLE,
                            "parent chain loops: " + shown));
                }
                walk.forEach(i -> state[i] = 2);
            }
        }

        // ---- field checks
        // -------------------------------------------------------------------

        private void number(JsonNode object, String name, String path, double min, double max) {
            JsonNode v = Json.value(object, name);
            if (v != null) {
                numberValue(v, path + "." + name, min, max);
            }
        }

        private void numberValue(JsonNode v, String at, double min, double max) {
            if (!v.isNumber()) {
                wrongType(at, "a number", v);
                return;
            }
            double d = Json.toDouble(v);
            if (!(d >= min && d <= max)) {
                error(at, ValidationCode.OUT_OF_RANGE,
                        "must be a number from " + format(min) + " to " + format(max) + ", was " + v);
            }
        }

        private void integer(JsonNode object, String name, String path, double min, double max) {
            JsonNode v = Json.value(object, name);
            String at = path + "." + name;
            if (v == null) {
                return;
            }
            if (!v.isNumber() || !Json.isInteger(v)) {
                wrongType(at, "an integer", v);
                return;
            }
            double d = Json.toDouble(v);
            if (!(d >= min && d <= max)) {
                error(at, ValidationCode.OUT_OF_RANGE,
                        "must be an integer from " + format(min) + " to " + format(max) + ", was " + v);
            }
        }

        private void bool(JsonNode object, String name, String path) {
            JsonNode v = Json.value(object, name);
            if (v != null && !v.isBoolean()) {
                wrongType(path + "." + name, "true or false", v);
            }
        }

        /** Returns the string if it is present and valid, else null. */
        private String string(JsonNode object, String name, String path, int min, int max, boolean required) {
            JsonNode v = object.get(name);
            String at = path + "." + name;
            if (v == null || v.isNull()) {
                if (required) {
                    error(at, ValidationCode.REQUIRED, "required");
                }
                return null;
            }
            if (!v.isString()) {
                wrongType(at, "a string", v);
                return null;
            }
            return length(at, v.stringValue(), min, max) ? v.stringValue() : null;
        }

        /** Lengths count code points, as JSON Schema's minLength and maxLength do. */
        private boolean length(String at, String s, int min, int max) {
            int n = Json.codePoints(s);
            if (n < min || n > max) {
                error(at, ValidationCode.INVALID_LENGTH, (min > 0 && n < min ? "must not be empty"
                        : "must be at most " + max + " characters, was " + n));
                return false;
            }
            return true;
        }

        private void color(JsonNode object, String name, String path) {
            JsonNode v = Json.value(object, name);
            String at = path.equals("$") ? "$." + name : path + "." + name;
            if (v == null) {
                return;
            }
            if (!v.isString()) {
                wrongType(at, "a colour string", v);
            }
            else if (!COLOR.matcher(v.stringValue()).matches()) {
                error(at, ValidationCode.INVALID_COLOR,
                        "must be #rgb, #rrggbb, #rrggbbaa or" + " transparent, was " + quote(v.stringValue()));
            }
        }

        private <E extends Enum<E> & JsonName> void oneOf(JsonNode object, String name, String path, Class<E> type) {
            JsonNode v = Json.value(object, name);
            String at = path + "." + name;
            if (v == null) {
                return;
            }
            if (!v.isString()) {
                wrongType(at, "a string", v);
            }
            else if (JsonName.find(type, v.stringValue()).isEmpty()) {
                error(at, ValidationCode.INVALID_VALUE,
                        "must be one of " + allowed(type) + ", was " + quote(v.stringValue()));
            }
        }

        private void wrongType(String at, String expected, JsonNode actual) {
            error(at, ValidationCode.WRONG_TYPE, "must be " + expected + ", not " + describe(actual));
        }

        private void error(String path, ValidationCode code, String message) {
            errors.add(new ValidationError(path, code, message));
        }

    }

    private static <E extends Enum<E> & JsonName> String allowed(Class<E> type) {
        return String.join(", ", JsonName.names(type));
    }

    private static String describe(JsonNode v) {
        return switch (v.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /**
     * A string for a message, shortened so that a 100 kB value doesn't end up in a log
     * line.
     */
    private static String quote(String s) {
        return "\"" + (s.length() > 64 ? s.substring(0, 61) + "..." : s) + "\"";
    }

}
