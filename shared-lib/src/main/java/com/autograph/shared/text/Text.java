package com.autograph.shared.text;

/**
 * What every stored text must be: no NUL (PostgreSQL's {@code text} and {@code jsonb}
 * refuse it) and no unpaired surrogate (not a character at all; UTF-8 cannot encode it,
 * so it would be stored as '?'). Lengths are counted in code points, as a person counts
 * characters: an emoji is one, not two UTF-16 units.
 */
public final class Text {

    private Text() {
    }

    /** Why {@code text} cannot be stored, or null when it can. */
    public static String problem(CharSequence text) {
        return text == null ? null : problem(text, 0, text.length());
    }

    /**
     * Why {@code text[offset, offset + length)} cannot be stored, or null when it can.
     */
    public static String problem(char[] text, int offset, int length) {
        return problem(java.nio.CharBuffer.wrap(text, offset, length), 0, length);
    }

    private static String problem(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain an unpaired surrogate (U+" + hex(c) + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain an unpaired surrogate (U+" + hex(c) + ")";
            }
        }
        return null;
    }

    /** Characters as a person counts them (code points). */
    public static int length(CharSequence text) {
        return Character.codePointCount(text, 0, text.length());
    }

    /**
     * At most {@code max} code points of {@code text}, never cutting a surrogate pair in
     * half.
     */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int count = text.codePointCount(0, text.length());
        return count <= max ? text : text.substring(0, text.offsetByCodePoints(0, max));
    }

    /**
     * {@code text} safe to echo in a message: NUL and unpaired surrogates written as
     * escapes.
     */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                out.append(c).append(text.charAt(++i));
            }
            else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append("\\u").append(hex(c));
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }

}
