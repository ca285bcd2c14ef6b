package com.autograph.document.layout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.autograph.document.DiagramDocument;
import com.autograph.document.DocumentCodec;
import com.autograph.document.Endpoint;
import com.autograph.document.Shape;
import com.autograph.document.quality.DiagramQuality;
import com.autograph.document.quality.QualityReport;

/**
 * bench/layout's program: flowcharts of 50, 500 and 5,000 nodes (fixed seed, about 1.3
 * edges a node), timed from JSON text to a laid-out, scored document (DocumentCodec.read
 * + DiagramLayout.layout + DiagramQuality.measure, in this JVM after warm-up), against
 * Graphviz {@code dot -Tplain} laying out the same graph from DOT text (process start
 * included, as that is how dot is used). Medians of a few runs.
 *
 * <p>
 * Arguments: sizes (default 50 500 5000). System properties: {@code runs} (default 5; 3
 * for 2,000 nodes and more), {@code dotTimeoutSeconds} (default 300, per dot run).
 */
public final class LayoutBench {

    private LayoutBench() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] { 50, 500, 5000 }
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int runsArg = Integer.getInteger("runs", 5);
        long dotTimeout = Long.getLong("dotTimeoutSeconds", 300);
        Path dir = Files.createTempDirectory("bench-layout");
        System.out.printf(Locale.ROOT, "bench/layout: %d cores, Java %s, %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), dotVersion());
        System.out.println("AutoGraph = DocumentCodec.read(JSON) + DiagramLayout.layout (ELK layered, down, 50 px,"
                + " orthogonal) + DiagramQuality.measure; dot = `dot -Tplain` on the same graph (nodesep/ranksep 50 px)");
        System.out.printf(Locale.ROOT, "%7s %7s | %10s %9s %9s %9s | %10s | %8s | %s%n", "nodes", "edges", "AutoGraph",
                "parse", "layout", "score", "dot", "ratio", "score / crossings");
        for (int n : sizes) {
            int runs = n >= 2000 ? Math.min(runsArg, 3) : runsArg;
            DiagramDocument doc = TestGraphs.flowchart(n, 20240607L);
            String json = DocumentCodec.write(doc);
            Path dotFile = dir.resolve("flow-" + n + ".dot");
            Files.writeString(dotFile, toDot(doc), StandardCharsets.UTF_8);
            int edges = doc.connectors().size();

            QualityReport report = null;
            // Enough warm-up for the JIT to compile ELK's hot paths, as in a running
            // service.
            for (int w = 0; w < (n >= 2000 ? 2 : n >= 200 ? 10 : 30); w++) {
                report = ours(json, new long[3]);
            }
            long[][] times = new long[runs][];
            for (int r = 0; r < runs; r++) {
                times[r] = new long[3];
                report = ours(json, times[r]);
            }
            double parse = median(times, 0);
            double layout = median(times, 1);
            double score = median(times, 2);
            double total = medianTotal(times);

            List<Double> dotTimes = new ArrayList<>();
            runDot(dotFile, dotTimeout); // warm-up: binary and file in the page cache
            Double dotMs = null;
            for (int r = 0; r < runs; r++) {
                Double t = runDot(dotFile, dotTimeout);
                if (t == null) {
                    break;
                }
                dotTimes.add(t);
                if (t > 60_000) {
                    break; // one run of a minute is measurement enough
                }
            }
            if (!dotTimes.isEmpty()) {
                double[] d = dotTimes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                dotMs = d[d.length / 2];
            }
            System.out.printf(Locale.ROOT, "%7d %7d | %8.1fms %7.1fms %7.1fms %7.1fms | %10s | %8s | %d / %d%n", n,
                    edges, total, parse, layout, score,
                    dotMs == null ? "> " + dotTimeout + " s" : String.format(Locale.ROOT, "%8.1fms", dotMs),
                    dotMs == null ? "-" : String.format(Locale.ROOT, "%.2fx", total / dotMs), report.score(),
                    report.edgeCrossings());
        }
        System.out.println("ratio = AutoGraph time / dot time (below 1: faster than dot). Goal: 500 nodes under 500 ms"
                + " and no slower than dot.");
    }

    private static QualityReport ours(String json, long[] nanos) {
        long t0 = System.nanoTime();
        DiagramDocument doc = DocumentCodec.read(json);
        long t1 = System.nanoTime();
        DiagramDocument laidOut = DiagramLayout.layout(doc, LayoutOptions.defaults());
        long t2 = System.nanoTime();
        QualityReport report = DiagramQuality.measure(laidOut);
        long t3 = System.nanoTime();
        nanos[0] = t1 - t0;
        nanos[1] = t2 - t1;
        nanos[2] = t3 - t2;
        return report;
    }

    private static double median(long[][] times, int part) {
        double[] v = Arrays.stream(times).mapToDouble(t -> t[part] / 1e6).sorted().toArray();
        return v[v.length / 2];
    }

    private static double medianTotal(long[][] times) {
        double[] v = Arrays.stream(times).mapToDouble(t -> (t[0] + t[1] + t[2]) / 1e6).sorted().toArray();
        return v[v.length / 2];
    }

    /**
     * Milliseconds for one dot run, or null when it ran out of time (bench/code uses it
     * too).
     */
    public static Double runDot(Path file, long timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("dot", "-Tplain", "-o", "/dev/null", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return null;
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("dot failed with exit code " + p.exitValue() + " on " + file);
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    public static String dotVersion() {
        try {
            Process p = new ProcessBuilder("dot", "-V").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
            return v;
        }
        catch (IOException | InterruptedException e) {
            return "dot not found";
        }
    }

    /**
     * The same graph for dot: same labels and shapes, sizes in inches (72 px each);
     * connectors not bound at both ends are left out.
     */
    public static String toDot(DiagramDocument doc) {
        StringBuilder b = new StringBuilder("digraph flow {\n  rankdir=TB; nodesep=0.7; ranksep=0.7;\n");
        for (Shape s : doc.shapes()) {
            if (s.type().isConnector()) {
                continue;
            }
            String shape = switch (s.type()) {
                case DIAMOND -> "diamond";
                case ELLIPSE -> "ellipse";
                default -> "box";
            };
            b.append("  \"")
                .append(s.id().replace("\"", "\\\""))
                .append("\" [shape=")
                .append(shape)
                .append(", label=\"")
                .append(s.text().orElse("").replace("\"", "\\\""))
                .append('"');
            if (s.hasSize()) {
                b.append(String.format(Locale.ROOT, ", width=%.3f, height=%.3f", s.width() / 72, s.height() / 72));
            }
            b.append("];\n");
        }
        for (Shape c : doc.connectors()) {
            if (c.start().flatMap(Endpoint::shapeId).isEmpty() || c.end().flatMap(Endpoint::shapeId).isEmpty()) {
                continue;
            }
            b.append("  \"")
                .append(c.start().flatMap(Endpoint::shapeId).orElseThrow().replace("\"", "\\\""))
                .append("\" -> \"")
                .append(c.end().flatMap(Endpoint::shapeId).orElseThrow().replace("\"", "\\\""))
                .append("\";\n");
        }
        return b.append("}\n").toString();
    }

}
