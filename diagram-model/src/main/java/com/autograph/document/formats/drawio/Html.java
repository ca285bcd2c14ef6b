package com.autograph.document.formats.drawio;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Entities;

/** draw.io's HTML labels to plain text (line breaks kept) and back. */
final class Html {

    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");

    private static final Pattern BLOCK_OPEN = Pattern.compile("(?i)<(div|p|li|h[1-6]|tr)(\\s[^>]*)?>");

    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);");

    private Html() {
    }

    /**
     * The text a person sees: tags dropped, {@code <br>
     * } and block starts as line breaks.
     */
    static String toText(String html) {
        String s = BREAK.matcher(html).replaceAll("\n");
        s = BLOCK_OPEN.matcher(s).replaceAll("\n");
        s = TAG.matcher(s).replaceAll("");
        s = decode(s);
        // A block at the very start (<div>Orders</div>) opens no new line.
        while (s.startsWith("\n")) {
            s = s.substring(1);
        }
        while (s.endsWith("\n")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    static String fromText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>");
    }

    private static String numeric(String entity, String raw) {
        try {
            if (entity.startsWith("#x") || entity.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(entity.substring(2), 16)));
            }
            else if (entity.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(entity.substring(1))));
            }
        }
        catch (IllegalArgumentException e) {
            // Out of range or too long: not a character, leave the text as written.
        }
        return raw;
    }

    /**
     * Any of HTML5's named character references ({@code &ouml;}, {@code &ndash;},
     * {@code &check;}), from jsoup's table of the WHATWG list; an unknown name stays as
     * written.
     */
    private static String named(String name, String raw) {
        String decoded = Entities.getByName(name);
        return decoded.isEmpty() ? raw : decoded;
    }

    private static String decode(String s) {
        Matcher m = ENTITY.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r = switch (e) {
                case "nbsp" -> " ";
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> e.startsWith("#") ? numeric(e, m.group()) : named(e, m.group());
            };
            m.appendReplacement(b, Matcher.quoteReplacement(r));
        }
        m.appendTail(b);
        return b.toString();
    }

}
