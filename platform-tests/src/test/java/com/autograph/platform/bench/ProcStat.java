package com.autograph.platform.bench;

import java.io.IOException;
import java.nio.file.Files;
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
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Ticks spent over {@code requests} requests, in microseconds per request. */
    static double microsPerRequest(long ticks, long requests) {
        return ticks * 1e6 / CLOCK_TICKS_PER_SECOND / Math.max(1, requests);
    }

}
