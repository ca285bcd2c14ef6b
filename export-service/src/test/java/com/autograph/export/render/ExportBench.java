package com.autograph.export.render;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

import com.autograph.document.DiagramDocument;
import com.autograph.document.Shape;

/**
 * The Java side of {@code bench/export}: the 200-shape diagram of
 * {@link Fixtures#grid(int)} to SVG, PNG 2× and PDF in one warm JVM (warm-up rounds
 * first, then {@code -Druns} measured ones), printing median wall and CPU milliseconds
 * per format. It also writes the diagram's SVG and its Mermaid source (converted by the
 * model, as the Mermaid export does) into the folder given as the first argument, for the
 * script's rsvg-convert and mermaid-cli baselines.
 */
public final class ExportBench {

    private ExportBench() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        int shapes = Integer.getInteger("boxes", 100);
        int runs = Integer.getInteger("runs", 30);
        int warmup = Integer.getInteger("warmup", 15);
        // n boxes, n - 1 arrows and a title: 200 shapes by default.
        DiagramDocument doc = Fixtures.grid(shapes)
            .withShape(Shape.text("title", "Export benchmark").at(0, -60).size(400, 40).build());
        RenderInput input = RenderInput.of(doc);
        Renderers renderers = new Renderers(RenderLimits.DEFAULTS);
        Files.write(out.resolve("diagram.svg"),
                renderers.render(ExportFormat.SVG, input, RenderOptions.DEFAULTS).bytes());
        Files.write(out.resolve("diagram.mmd"),
                renderers.render(ExportFormat.MERMAID, input, RenderOptions.DEFAULTS).bytes());
        RenderOptions png2 = RenderOptions.DEFAULTS.withScale(2);
        System.out.printf(Locale.ROOT, "diagram: %d shapes (%d boxes, %d arrows, a title)%n", doc.shapes().size(),
                shapes, shapes - 1);
        measure("svg", runs, warmup, () -> renderers.render(ExportFormat.SVG, input, RenderOptions.DEFAULTS));
        RenderedExport png = measure("png2x", runs, warmup, () -> renderers.render(ExportFormat.PNG, input, png2));
        Files.write(out.resolve("diagram-batik-2x.png"), png.bytes());
        measure("pdf", runs, warmup, () -> renderers.render(ExportFormat.PDF, input, RenderOptions.DEFAULTS));
    }

    private static RenderedExport measure(String name, int runs, int warmup, Supplier<RenderedExport> render) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        RenderedExport last = null;
        for (int i = 0; i < warmup; i++) {
            last = render.get();
        }
        double[] wall = new double[runs];
        double[] cpuMs = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = allThreadsCpu(cpu);
            long t0 = System.nanoTime();
            last = render.get();
            wall[i] = (System.nanoTime() - t0) / 1e6;
            cpuMs[i] = (allThreadsCpu(cpu) - c0) / 1e6;
        }
        // Machine-readable lines for the script: name, median wall ms, median CPU ms,
        // bytes, size.
        System.out.printf(Locale.ROOT, "RESULT %s %.2f %.2f %d %dx%d%n", name, median(wall), median(cpuMs),
                last.bytes().length, last.width(), last.height());
        return last;
    }

    /**
     * CPU time of every Java thread: the PNG renderer works on the common pool too, so
     * the calling thread's own time would miss part of a render (the JVM's GC and
     * compiler threads are not Java threads and are left out).
     */
    private static long allThreadsCpu(ThreadMXBean cpu) {
        long sum = 0;
        for (long id : cpu.getAllThreadIds()) {
            sum += Math.max(0, cpu.getThreadCpuTime(id));
        }
        return sum;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

}
