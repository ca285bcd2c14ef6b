package com.autograph.document;

/**
 * How much untrusted input the importers, parsers, the document codec and layout accept.
 * Every limit is checked while the input is read (the draw.io inflater stops at the byte
 * limit, the JSON and XML parsers at the depth limit, the importers at the shape limit
 * before building the next shape), so an input over a limit costs at most about the limit
 * in memory and time, never what it would have expanded to. Over a limit, a
 * {@link LimitExceededException} names it.
 *
 * <p>
 * The defaults fit the largest diagram a person draws many times over; the largest input
 * they accept (10 MB of draw.io making 20,000 shapes) peaks near 200 MB of heap in
 * diagram-service, which runs with 320 MB (see docs/configuration.md):
 *
 * @param maxInputChars characters of one file or one piece of code (10 Mi: the upload
 * limit)
 * @param maxDecompressedBytes bytes a compressed draw.io page may inflate to (10 MiB: a
 * 10,000-shape page is about 3 MB)
 * @param maxShapes shapes (connectors included) one input may make (20,000: the
 * 5,000-node flowcharts the parsers and layout are tested and benchmarked with have
 * 10,500, with room to spare)
 * @param maxDepth nesting depth of XML elements and JSON values (64: documents need 8)
 * @param maxTextChars characters of one label (100,000: the document's own text limit)
 * @param maxLayoutNodes shapes one automatic layout places (5,000: about 2.5 s of ELK)
 */
public record ModelLimits(long maxInputChars, long maxDecompressedBytes, int maxShapes, int maxDepth, int maxTextChars,
        int maxLayoutNodes) {

    /** The property names the limits are known by, in messages and in configuration. */
    public static final String INPUT_CHARS = "import.max-input-chars";

    public static final String DECOMPRESSED_BYTES = "import.max-decompressed-bytes";

    public static final String SHAPES = "import.max-shapes";

    public static final String DEPTH = "import.max-depth";

    public static final String TEXT_CHARS = "import.max-text-chars";

    public static final String LAYOUT_NODES = "import.max-layout-nodes";

    private static final int MIB = 1024 * 1024;

    public static final ModelLimits DEFAULTS = new ModelLimits(10L * MIB, 10L * MIB, 20_000, 64,
            DocumentValidator.MAX_TEXT_LENGTH, 5_000);

    public ModelLimits {
        // A depth under 8 could not hold a valid document (document, shapes, shape,
        // style, …).
        if (maxInputChars < 1 || maxDecompressedBytes < 1 || maxShapes < 1 || maxDepth < 8 || maxTextChars < 1
                || maxLayoutNodes < 1) {
            throw new IllegalArgumentException("limits must be positive and the depth at least 8");
        }
    }

    /** Refuses text longer than {@link #maxInputChars()}, before any of it is parsed. */
    public void checkInput(CharSequence input, String what) {
        if (input != null && input.length() > maxInputChars) {
            throw new LimitExceededException(INPUT_CHARS, maxInputChars,
                    what + " is longer than " + chars(maxInputChars) + " characters");
        }
    }

    /** Refuses the shape that would be number {@code count}. */
    public void checkShapes(long count) {
        if (count > maxShapes) {
            throw new LimitExceededException(SHAPES, maxShapes, "the input has more than " + maxShapes + " shapes");
        }
    }

    /** Refuses nesting deeper than {@link #maxDepth()}. */
    public void checkDepth(int depth, String what) {
        if (depth > maxDepth) {
            throw new LimitExceededException(DEPTH, maxDepth, what + " nests deeper than " + maxDepth + " levels");
        }
    }

    /** Refuses one label longer than {@link #maxTextChars()}; returns it otherwise. */
    public String checkText(String text) {
        if (text != null && text.length() > maxTextChars) {
            throw new LimitExceededException(TEXT_CHARS, maxTextChars,
                    "a label is longer than " + chars(maxTextChars) + " characters");
        }
        return text;
    }

    /** Refuses laying out more than {@link #maxLayoutNodes()} shapes. */
    public void checkLayoutNodes(int nodes) {
        if (nodes > maxLayoutNodes) {
            throw new LimitExceededException(LAYOUT_NODES, maxLayoutNodes,
                    "automatic layout places at most " + maxLayoutNodes + " shapes; this diagram has " + nodes);
        }
    }

    /** "10 MB" for whole mebibytes, the number otherwise. */
    public static String bytes(long n) {
        return n % MIB == 0 ? n / MIB + " MB" : String.format(java.util.Locale.ROOT, "%,d bytes", n);
    }

    private static String chars(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }
}
