package com.autograph.export.render;

import java.util.ArrayList;
import java.util.List;

import com.autograph.document.layout.TextMeasure;

/**
 * Breaks a label into lines the way the canvas does: at the label's own line breaks, then
 * at spaces so that no line is wider than the room, measured with {@link TextMeasure}'s
 * font-free glyph width (so layout, the canvas and exports agree on every server); a word
 * longer than a line is broken inside.
 */
final class TextWrap {

    private TextWrap() {
    }

    static List<String> wrap(String text, double width, double fontSize) {
        int max = Math.max(1, (int) Math.floor(width / (TextMeasure.CHAR_WIDTH * fontSize)));
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            wrapParagraph(paragraph.replace('\t', ' '), max, lines);
        }
        return lines;
    }

    private static void wrapParagraph(String p, int max, List<String> lines) {
        StringBuilder line = new StringBuilder();
        int lineLen = 0;
        for (String word : p.split(" ", -1)) {
            int len = word.codePointCount(0, word.length());
            if (lineLen > 0 && lineLen + 1 + len > max) {
                lines.add(line.toString());
                line.setLength(0);
                lineLen = 0;
            }
            while (len > max) {
                int cut = word.offsetByCodePoints(0, max - (lineLen > 0 ? lineLen + 1 : 0));
                if (lineLen > 0) {
                    line.append(' ');
                }
                line.append(word, 0, cut);
                lines.add(line.toString());
                line.setLength(0);
                lineLen = 0;
                word = word.substring(cut);
                len = word.codePointCount(0, word.length());
            }
            if (lineLen > 0) {
                line.append(' ');
                lineLen++;
            }
            line.append(word);
            lineLen += len;
        }
        lines.add(line.toString());
    }

    /** The estimated width of one line. */
    static double width(String line, double fontSize) {
        return line.codePointCount(0, line.length()) * TextMeasure.CHAR_WIDTH * fontSize;
    }

}
