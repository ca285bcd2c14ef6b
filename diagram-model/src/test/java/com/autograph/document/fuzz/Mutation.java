package com.autograph.document.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

import com.autograph.document.formats.drawio.DrawioFormat;

/**
 * One change to an input. Positions are taken modulo the input's length, so any generated
 * number lands somewhere; every result is cut to {@link FuzzSettings#MAX_INPUT}
 * characters.
 */
sealed interface Mutation {

    String apply(String text, List<Target.Seed> seeds);

    private static int at(int pos, String text) {
        return Math.floorMod(pos, text.length() + 1);
    }

    /**
     * Flips one bit of one UTF-16 unit: control characters, lone surrogates, neighbouring
     * letters.
     */
    record FlipBit(int pos, int bit) implements Mutation {
        public String apply(String text, List<Target.Seed> seeds) {
            if (text.isEmpty()) {
                return text;
            }
            int i = Math.floorMod(pos, text.length());
            return text.substring(0, i) + (char) (text.charAt(i) ^ (1 << bit)) + text.substring(i + 1);
        }
    }

    record Truncate(int pos) implements Mutation {
        public String apply(String text, List<Target.Seed> seeds) {
            return text.substring(0, at(pos, text));
        }
    }

    record Delete(int pos, int length) implements Mutation {
        public String apply(String text, List<Target.Seed> seeds) {
            int i = at(pos, text);
            return text.substring(0, i) + text.substring(Math.min(text.length(), i + length));
        }
    }

    record Insert(int pos, String token) implements Mutation {
        public String apply(String text, List<Target.Seed> seeds) {
            int i = at(pos, text);
            return text.substring(0, i) + token + text.substring(i);
        }
    }

    /** Copies a piece of another seed into this input. */
    record Splice(int pos, int donor, int from, int length) implements Mutation {
        public String apply(String text, List<Target.Seed> seeds) {
            String other = seeds.get(Math.floorMod(donor, seeds.size())).text();
            int start = at(from, other);
            String piece = other.substring(start, Math.min(other.length(), start + length));
            int i = at(pos, text);
            return text.substring(0, i) + piece + text.substring(i);
        }
    }

    /** Repeats a piece of the input in place: long lines, many elements, many pages. */
    record Repeat(int pos, int length, int times) implements Mutation {
        public String apply(String text, List<Target.Seed> seeds) {
            int i = at(pos, text);
            int end = Math.min(text.length(), i + length);
            return text.substring(0, end) + text.substring(i, end).repeat(times) + text.substring(end);
        }
    }

    /** Deep nesting: {@code depth} openings then as many closings, at one place. */
    record Nest(int pos, Target.Nest nest, int depth) implements Mutation {
        public String apply(String text, List<Target.Seed> seeds) {
            int i = at(pos, text);
            return text.substring(0, i) + nest.open().repeat(depth) + nest.close().repeat(depth) + text.substring(i);
        }
    }

    /**
     * Replaces the first run of digits at or after a position with a huge, tiny or odd
     * number.
     */
    record Number(int pos, String number) implements Mutation {
        private static final Pattern DIGITS = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

        public String apply(String text, List<Target.Seed> seeds) {
            Matcher m = DIGITS.matcher(text);
            if (!m.find(at(pos, text)) && !m.find(0)) {
                return text;
            }
            return text.substring(0, m.start()) + number + text.substring(m.end());
        }
    }

    /**
     * draw.io only: the page's {@code <mxGraphModel>} (or the whole text) compressed as
     * draw.io does (base64 of raw DEFLATE of the URL-encoded XML), then damaged in one of
     * several ways.
     */
    record CompressPage(int variant, int pos) implements Mutation {
        static final int VARIANTS = 8;

        private static final Pattern MODEL = Pattern.compile("(?s)<mxGraphModel.*?</mxGraphModel>");

        public String apply(String text, List<Target.Seed> seeds) {
            Matcher m = MODEL.matcher(text);
            boolean found = m.find();
            String model = found ? m.group() : text;
            String payload = payload(model);
            if (!found) {
                return "<mxfile><diagram name=\"p\">" + payload + "</diagram></mxfile>";
            }
            String before = text.substring(0, m.start());
            String after = text.substring(m.end());
            return before.contains("<diagram") ? before + payload + after
                    : "<mxfile><diagram name=\"p\">" + payload + "</diagram></mxfile>";
        }

        private String payload(String model) {
            return switch (Math.floorMod(variant, VARIANTS)) {
                case 0 -> DrawioFormat.compress(model);
                case 1 -> {
                    byte[] d = Base64.getDecoder().decode(DrawioFormat.compress(model));
                    if (d.length > 0) {
                        d[Math.floorMod(pos, d.length)] ^= (byte) (1 << Math.floorMod(pos >> 8, 8));
                    }
                    yield Base64.getEncoder().encodeToString(d);
                }
                case 2 -> {
                    byte[] d = Base64.getDecoder().decode(DrawioFormat.compress(model));
                    yield Base64.getEncoder()
                        .encodeToString(java.util.Arrays.copyOf(d, Math.floorMod(pos, d.length + 1)));
                }
                // not URL-encoded first: '%' and non-ASCII reach the URL decoder as they
                // are
                case 3 -> base64(deflate(model.getBytes(StandardCharsets.UTF_8), true));
                // a zlib header, which draw.io never writes
                case 4 -> base64(deflate(model.getBytes(StandardCharsets.UTF_8), false));
                case 5 -> {
                    String b = DrawioFormat.compress(model);
                    int i = Math.floorMod(pos, b.length() + 1);
                    yield b.substring(0, i) + "*=\u00e9" + b.substring(i);
                }
                // valid XML padded with whitespace: a small payload that inflates to
                // megabytes
                case 6 -> DrawioFormat.compress(model.replaceFirst(">", ">" + " ".repeat(Math.floorMod(pos, 8 << 20))));
                default -> DrawioFormat.compress(model + "%" + "%E0%A4".repeat(Math.floorMod(pos, 64)));
            };
        }

        private static byte[] deflate(byte[] input, boolean raw) {
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, raw);
            try {
                deflater.setInput(input);
                deflater.finish();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                while (!deflater.finished()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
                return out.toByteArray();
            }
            finally {
                deflater.end();
            }
        }

        private static String base64(byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
    }

}
