package com.autograph.document.mermaid;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.autograph.document.ShapeType;
import com.autograph.document.code.CodeError;

/**
 * {@code packet} / {@code packet-beta}: each field ({@code 0-15: "Source Port"},
 * {@code 106: "URG"}, {@code +16: "Length"}) is a rectangle ({@code field:N}) in rows of
 * 32 bits, one bit {@value #BIT} pixels wide; {@code mermaid.start} and
 * {@code mermaid.end} are its bits, {@code mermaid.relative} says it was written
 * {@code +bits}. A field that crosses the end of a row continues on the next rows as
 * derived rectangles ({@code field:N/part:2}, {@code mermaid.derived: "part"}), which are
 * not written back.
 */
final class PacketParser extends KindParser {

    static final int BITS_PER_ROW = 32;

    /** Fields end at most at this bit: 32,768 rows, well inside the document's extent. */
    static final int MAX_BIT = (1 << 20) - 1;

    static final double BIT = 30;

    static final double ROW = 50;

    private static final Pattern FIELD = Pattern.compile("^(?:(\\d+)(?:\\s*-\\s*(\\d+))?|\\+(\\d+))\\s*:\\s*(.*)$");

    private final Map<Draft, int[]> bits = new HashMap<>();

    private int next;

    private int fields;

    @Override
    void header(Line rest) {
        if (!rest.text().isEmpty()) {
            error(rest, 0, "nothing may follow `" + Mermaid.str(root, "keyword", "packet") + "` on its line",
                    "write the first field on the next line: `0-15: \"Source Port\"`");
        }
    }

    @Override
    void statement(Line line) {
        String t = line.text();
        if (title(line) || common(line)) {
            return;
        }
        Matcher m = FIELD.matcher(t);
        if (!m.matches()) {
            error(line, 0, "a field is written `0-15: \"Source Port\"`, `16: \"Flag\"` or `+8: \"Length\"`");
            return;
        }
        String label = m.group(4).strip();
        if (label.length() < 2 || !label.startsWith("\"") || !label.endsWith("\"")) {
            error(line, m.start(4),
                    label.startsWith("\"") ? "this string is never closed" : "a field's label is quoted",
                    "write `\"" + label.replace("\"", "") + "\"`");
            return;
        }
        boolean relative = m.group(3) != null;
        long start = relative ? next : number(m.group(1));
        long end = relative ? next + number(m.group(3)) - 1 : m.group(2) == null ? start : number(m.group(2));
        if (relative && number(m.group(3)) < 1) {
            error(line, 1, "a field is at least one bit long");
            return;
        }
        if (end > MAX_BIT || start > MAX_BIT) {
            error(line, 0, "a packet ends at bit " + MAX_BIT + " at most");
            return;
        }
        if (start != next) {
            error(line, 0, "this field starts at bit " + start + ", but the one before it ended at bit " + (next - 1),
                    "start it at bit " + next + " (fields follow each other without gaps)");
            return;
        }
        if (end < start) {
            error(line, m.start(2), "a field ends at or after the bit it starts at");
            return;
        }
        Draft d = add(new Draft("field:" + (++fields), ShapeType.RECTANGLE));
        d.text = Mermaid.unescape(label.substring(1, label.length() - 1));
        d.ext().put("start", (int) start);
        d.ext().put("end", (int) end);
        if (relative) {
            d.ext().put("relative", true);
        }
        next = (int) end + 1;
        parts(d, (int) start, (int) end);
    }

    /** The digits as a number; anything over {@link #MAX_BIT} as one more than it. */
    private static long number(String digits) {
        return digits.length() > 7 ? MAX_BIT + 1L : Long.parseLong(digits);
    }

    /**
     * Splits a field at row ends: the rest of its first row, the whole rows it covers
     * (one rectangle), and the start of its last row.
     */
    private void parts(Draft field, int start, int end) {
        int firstRowEnd = start / BITS_PER_ROW * BITS_PER_ROW + BITS_PER_ROW - 1;
        if (start % BITS_PER_ROW != 0 && end > firstRowEnd) {
            bits.put(field, new int[] { start, firstRowEnd });
            start = firstRowEnd + 1;
            field = part(field, 2, start, end);
        }
        int lastRowStart = end / BITS_PER_ROW * BITS_PER_ROW;
        if ((end + 1) % BITS_PER_ROW != 0 && lastRowStart > start) {
            bits.put(field, new int[] { start, lastRowStart - 1 });
            part(field, 3, lastRowStart, end);
            return;
        }
        bits.put(field, new int[] { start, end });
    }

    private Draft part(Draft field, int n, int start, int end) {
        String of = Mermaid.str(field.ext(), "of", field.id);
        Draft p = add(new Draft(of + "/part:" + n, ShapeType.RECTANGLE));
        p.text = field.text;
        p.ext().put("derived", "part");
        p.ext().put("of", of);
        bits.put(p, new int[] { start, end });
        return p;
    }

    @Override
    void finish(int lastLine) {
        if (fields == 0 && errors.isEmpty()) {
            errors.add(new CodeError(lastLine, 1, "a packet needs a field", "write e.g. `0-15: \"Source Port\"`"));
        }
    }

    @Override
    void layout(List<Draft> ordered) {
        for (Draft d : ordered) {
            int[] b = bits.get(d);
            if (b == null) {
                continue;
            }
            int rows = b[1] / BITS_PER_ROW - b[0] / BITS_PER_ROW + 1;
            d.x = (b[0] % BITS_PER_ROW) * BIT;
            d.y = (b[0] / BITS_PER_ROW) * ROW;
            d.width = (rows > 1 ? BITS_PER_ROW : b[1] - b[0] + 1) * BIT;
            d.height = rows * ROW;
        }
    }

}
