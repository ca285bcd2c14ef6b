package com.autograph.document.formats.eraser;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

import com.autograph.document.DiagramDocument;
import com.autograph.document.ModelLimits;
import com.autograph.document.code.DiagramLanguage;
import com.autograph.document.code.ParseResult;

/**
 * The Eraser-style architecture language: nodes
 * {@code API Gateway [icon: aws-api-gateway, color:
 * blue]}, groups {@code Backend { Orders Payments }}, connections {@code A > B: label}
 * with {@code >}, {@code <}, {@code <>}, {@code -}, {@code --} (dashed) and {@code -->}
 * (dashed arrow), chains {@code A > B > C}, fan-out {@code A > B, C} and {@code //}
 * comments. The full reference is {@code docs/formats.md}.
 *
 * <p>
 * Parsed documents carry no positions: layout places the shapes. Parsing the rendering of
 * a parsed document gives that document again.
 */
public final class EraserLanguage implements DiagramLanguage {

    public static final String ID = "eraser";

    static final Set<String> CONNECTORS = Set.of(">", "<", "<>", "-", "--", "-->");

    /** Two slugs, a ">" and a "#n" suffix must fit the document's 128-character ids. */
    private static final int MAX_SLUG = 60;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ParseResult parse(String code, ModelLimits limits) {
        limits.checkInput(code, "the code");
        return new Parser(code == null ? "" : code, limits).parse();
    }

    @Override
    public String render(DiagramDocument doc) {
        return new Renderer(doc).render();
    }

    /**
     * A node's id from its name: accents removed, lower case, every run of characters
     * that are not letters or digits turned into one {@code -}, none at either end, at
     * most 60 characters. {@code "API Gateway"}, {@code "api-gateway"} and
     * {@code "Api_Gateway!"} all give {@code api-gateway} and so name the same node.
     * Applying it twice changes nothing.
     */
    public static String slug(String name) {
        String n = Normalizer.normalize(name, Normalizer.Form.NFKD);
        StringBuilder b = new StringBuilder();
        boolean gap = false;
        int count = 0;
        for (int i = 0; i < n.length() && count < MAX_SLUG;) {
            int cp = n.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK
                    || Character.getType(cp) == Character.COMBINING_SPACING_MARK
                    || Character.getType(cp) == Character.ENCLOSING_MARK) {
                continue;
            }
            if (Character.isLetterOrDigit(cp)) {
                if (gap && !b.isEmpty()) {
                    b.append('-');
                    count++;
                }
                gap = false;
                b.append(new String(Character.toChars(cp)).toLowerCase(Locale.ROOT));
                count++;
            }
            else {
                gap = true;
            }
        }
        return b.toString();
    }

}
