package com.autograph.platform.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A process's CPU time from /proc: moves far less with the machine's load than latencies
 * do.
 */
final class ProcStat {

    static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private ProcStat() {
    }

    /**
     * User plus system CPU time of a process so far, in clock ticks (/proc/PID/stat
     * fields 14 and 15).
     */
    static long cpuTicks(long pid) throws IOException {
        return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    }

    /** Ticks spent over {@code requests} requests, in microseconds per request. */
    static double microsPerRequest(long ticks, long requests) {
        return ticks * 1e6 / CLOCK_TICKS_PER_SECOND / Math.max(1, requests);
    }

    /**
     * A JVM's CPU time so far, and how much of it its JIT compiler threads and its VM
     * thread took (where SerialGC collects, besides other safepoint work). Both parts are
     * summed over the threads alive now: a compiler thread the JVM ended meanwhile takes
     * its time out of the part (never out of the total), so over a window the parts are
     * lower bounds.
     */
    static JvmTicks jvmTicks(long pid) throws IOException {
        long compiler = 0;
        long vmThread = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                }
                catch (NoSuchFileException ended) {
                    continue;
                }
                // comm, at most 15 characters: "C2 CompilerThre", "VM Thread", ...
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    compiler += ticks(stat);
                }
                else if (name.equals("VM Thread")) {
                    vmThread += ticks(stat);
                }
            }
        }
        return new JvmTicks(cpuTicks(pid), compiler, vmThread);
    }

    /** Clock ticks: all of a JVM's, its compiler threads' and its VM thread's. */
    record JvmTicks(long total, long compiler, long vmThread) {

        JvmTicks since(JvmTicks earlier) {
            return new JvmTicks(total - earlier.total, Math.max(0, compiler - earlier.compiler),
                    vmThread - earlier.vmThread);
        }

    }

    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

}
