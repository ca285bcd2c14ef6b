package com.autograph.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), enough for
 * tests to prove that {@code /metrics} is something Prometheus will scrape: every line
 * must be a comment, a HELP/TYPE line or a well-formed sample, or parsing fails naming
 * the line.
 */
public final class PrometheusText {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final Pattern TYPE = Pattern
        .compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");

    private PrometheusText() {
    }

    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("# HELP ") || line.startsWith("# EOF")) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                if (!TYPE.matcher(line).matches()) {
                    throw new IllegalArgumentException("line " + (i + 1) + ": malformed TYPE: " + line);
                }
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            samples.add(parseSample(line, i + 1));
        }
        return samples;
    }

    private static Sample parseSample(String line, int number) {
        Matcher name = METRIC_NAME.matcher(line);
        if (!name.lookingAt()) {
            throw new IllegalArgumentException("line " + number + ": no metric name: " + line);
        }
        int at = name.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            // Label values may contain braces and commas ("/health/{*path}"): scan pair
            // by pair.
            at++;
            Matcher label = LABEL.matcher(line);
            while (at < line.length() && line.charAt(at) != '}') {
                label.region(at, line.length());
                if (!label.lookingAt()) {
                    throw new IllegalArgumentException("line " + number + ": malformed labels: " + line);
                }
                labels.put(label.group(1), label.group(2));
                at = label.end();
                if (at < line.length() && line.charAt(at) == ',') {
                    at++;
                }
            }
            if (at >= line.length()) {
                throw new IllegalArgumentException("line " + number + ": unclosed labels: " + line);
            }
            at++;
        }
        String[] rest = line.substring(at).trim().split(" ");
        if (rest.length < 1 || rest.length > 2) {
            throw new IllegalArgumentException("line " + number + ": expected value [timestamp]: " + line);
        }
        double value = switch (rest[0]) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(rest[0]);
        };
        return new Sample(name.group(), labels, value);
    }

}
