package com.autograph.document.fuzz;

import java.lang.management.ManagementFactory;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Runs one input through a target and fails, with the input in the message, on anything
 * but a clean result or an allowed exception: any other exception or error
 * (StackOverflowError and OutOfMemoryError included), more than
 * {@link FuzzSettings#TIMEOUT} of CPU, or more heap allocated than the input's size can
 * justify. The input runs on a worker thread so a hang fails the try instead of blocking
 * the build; a worker that hangs is abandoned (it is a daemon) and a new one started.
 */
final class Harness {

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
        .getThreadMXBean();

    private static ExecutorService worker = newWorker();

    private Harness() {
    }

    static void check(FuzzInput input) {
        check(input.target(), input.text(), input.toString());
    }

    static synchronized void check(Target target, String text, String description) {
        // The worker's thread id and its CPU time when the input began (set from the
        // worker).
        AtomicLongArray started = new AtomicLongArray(new long[] { -1, 0 });
        Future<Throwable> run = worker.submit(() -> {
            started.set(1, THREADS.getCurrentThreadCpuTime());
            started.set(0, Thread.currentThread().threadId());
            long before = THREADS.getCurrentThreadAllocatedBytes();
            try {
                target.read(text);
            }
            catch (Throwable t) {
                // Anything thrown, Errors included, is judged by the caller; the worker
                // lives on.
                return t;
            }
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            long bound = FuzzSettings.ALLOCATION_BASE + FuzzSettings.ALLOCATION_PER_CHAR * text.length();
            return allocated > bound ? new AssertionError("heap blow-up: " + (allocated >> 20) + " MB allocated for "
                    + text.length() + " characters (bound " + (bound >> 20) + " MB)") : null;
        });
        Throwable thrown;
        try {
            thrown = awaitWithinCpuBudget(run, started);
        }
        catch (TimeoutException e) {
            run.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            throw new AssertionError(
                    target + " took longer than " + FuzzSettings.TIMEOUT.toMillis() + " ms of CPU on " + description);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
        if (thrown == null || AllowedErrors.allowed(target.allowed, thrown)) {
            return;
        }
        if (thrown instanceof AssertionError a && a.getCause() == null) {
            throw new AssertionError(target + ": " + a.getMessage() + " on " + description);
        }
        throw new AssertionError(target + " threw " + thrown + " on " + description, thrown);
    }

    /**
     * The run's result, or a timeout once it has used {@link FuzzSettings#TIMEOUT} of
     * CPU: a wall-clock limit failed inputs that only waited for a core on a busy
     * machine. Ten times the limit in wall time still ends a run that never gets the CPU
     * to finish.
     */
    private static Throwable awaitWithinCpuBudget(Future<Throwable> run, AtomicLongArray started)
            throws InterruptedException, ExecutionException, TimeoutException {
        long budget = FuzzSettings.TIMEOUT.toNanos();
        long wallDeadline = System.nanoTime() + 10 * budget;
        while (true) {
            try {
                return run.get(FuzzSettings.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (TimeoutException e) {
                long cpu = started.get(0) < 0 ? 0 : THREADS.getThreadCpuTime(started.get(0)) - started.get(1);
                if (cpu >= budget || System.nanoTime() >= wallDeadline) {
                    throw e;
                }
            }
        }
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The text as a Java string literal would show it (control characters and surrogates
     * escaped), cut at {@code max}.
     */
    static String escape(String text, int max) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < Math.min(text.length(), max); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20 || Character.isSurrogate(c) || c >= 0x7f && c < 0xa0 || c == '\uFEFF'
                            || c == '\uFFFF') {
                        b.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append(text.length() > max ? "\"… (" + (text.length() - max) + " more)" : "\"").toString();
    }

}
