package com.autograph.document.formats.plantuml;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.document.Arrowhead;

/**
 * PlantUML link arrows of class and component diagrams ({@code <|--}, {@code *--},
 * {@code ..>}, {@code -up->}).
 */
final class Arrows {

    /** Left head, body (dashes or dots, optionally with a direction word), right head. */
    static final String ARROW = "(<\\|?|\\*|o|#|x|\\+|\\^|\\})?([-.]+(?:(?:up|down|left|right|u|d|l|r)[-.]+)?)(\\|?>|\\*|o|#|x|\\+|\\^|\\{)?";

    private static final Pattern WHOLE = Pattern.compile("^" + ARROW + "$");

    record Parsed(Arrowhead start, Arrowhead end, boolean dashed) {
    }

    private Arrows() {
    }

    static Parsed parse(String arrow) {
        Matcher m = WHOLE.matcher(arrow);
        if (!m.matches()) {
            return null;
        }
        return new Parsed(head(m.group(1)), head(m.group(3)), m.group(2).contains("."));
    }

    static Arrowhead head(String h) {
        if (h == null) {
            return Arrowhead.NONE;
        }
        return switch (h) {
            case "<|", "|>", "^" -> Arrowhead.TRIANGLE;
            case "<", ">" -> Arrowhead.ARROW;
            case "*", "o" -> Arrowhead.DIAMOND;
            case "+" -> Arrowhead.CIRCLE;
            case "#", "x" -> Arrowhead.BAR;
            case "}", "{" -> Arrowhead.MANY;
            default -> Arrowhead.NONE;
        };
    }

    /** The arrow written for these heads; where PlantUML has several, the usual one. */
    static String write(Arrowhead start, Arrowhead end, boolean dashed) {
        return left(start) + (dashed ? ".." : "--") + right(end);
    }

    private static String left(Arrowhead a) {
        return switch (a) {
            case NONE -> "";
            case TRIANGLE -> "<|";
            case ARROW -> "<";
            case DIAMOND -> "*";
            case CIRCLE -> "+";
            case BAR -> "#";
            case MANY, ONE_OR_MANY, ZERO_OR_MANY -> "}";
            case ONE, ZERO_OR_ONE -> "<";
        };
    }

    private static String right(Arrowhead a) {
        return switch (a) {
            case NONE -> "";
            case TRIANGLE -> "|>";
            case ARROW -> ">";
            case DIAMOND -> "*";
            case CIRCLE -> "+";
            case BAR -> "#";
            case MANY, ONE_OR_MANY, ZERO_OR_MANY -> "{";
            case ONE, ZERO_OR_ONE -> ">";
        };
    }

    /**
     * Sequence messages: {@code ->} filled head, {@code ->>} open head, two dashes
     * dashed.
     */
    static Parsed message(String arrow) {
        Matcher m = Pattern.compile("^(<<|<)?(--?)(>>|>)?$").matcher(arrow);
        if (!m.matches() || (m.group(1) == null && m.group(3) == null)) {
            return null;
        }
        return new Parsed(messageHead(m.group(1)), messageHead(m.group(3)), m.group(2).length() == 2);
    }

    private static Arrowhead messageHead(String h) {
        return h == null ? Arrowhead.NONE : h.length() == 2 ? Arrowhead.ARROW : Arrowhead.TRIANGLE;
    }

    static String writeMessage(Arrowhead start, Arrowhead end, boolean dashed) {
        String body = dashed ? "--" : "-";
        String l = start == Arrowhead.NONE ? "" : start == Arrowhead.ARROW ? "<<" : "<";
        String r = end == Arrowhead.NONE ? "" : end == Arrowhead.ARROW ? ">>" : ">";
        if (l.isEmpty() && r.isEmpty()) {
            r = ">";
        }
        return l + body + r;
    }

}
