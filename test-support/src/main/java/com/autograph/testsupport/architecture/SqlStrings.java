package com.autograph.testsupport.architecture;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * Finds SQL among a class's string literals. ArchUnit models dependencies, not constants,
 * so this reads the literals from the class file's constant pool (JVMS §4.4): every
 * {@code "..."} and text block of the class, string-concatenation recipes included, and
 * no annotation values (those are not string constants), so an OpenAPI description that
 * says "delete from" is not SQL.
 */
final class SqlStrings {

    /** A statement's shape, not a lone keyword: "Select a folder" is not SQL. */
    private static final Pattern SQL = Pattern.compile(
            "\\bselect\\b[\\s\\S]+\\bfrom\\b|\\binsert\\s+into\\b|\\bupdate\\s+[\\w.\"]+\\s+set\\b|\\bdelete\\s+from\\b",
            Pattern.CASE_INSENSITIVE);

    private SqlStrings() {
    }

    static ArchCondition<JavaClass> containNone() {
        return new ArchCondition<>("contain no SQL string") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (String literal : literals(javaClass)) {
                    if (SQL.matcher(literal).find()) {
                        events.add(SimpleConditionEvent.violated(javaClass, "%s holds SQL: \"%s\""
                            .formatted(javaClass.getName(), literal.strip().replaceAll("\\s+", " "))));
                    }
                }
            }
        };
    }

    static List<String> literals(JavaClass javaClass) {
        URI classFile = javaClass.getSource()
            .orElseThrow(() -> new IllegalStateException("no class file for " + javaClass.getName()))
            .getUri();
        try (InputStream in = classFile.toURL().openStream()) {
            return literals(new DataInputStream(in));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<String> literals(DataInputStream in) throws IOException {
        in.readInt(); // magic
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> stringIndexes = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 8 -> stringIndexes.add(in.readUnsignedShort());
                case 7, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++; // long and double take two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return stringIndexes.stream().map(index -> utf8[index]).toList();
    }

}
