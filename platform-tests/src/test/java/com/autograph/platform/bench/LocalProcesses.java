package com.autograph.platform.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * What the benchmarks' own server processes need: a wait until one listens (their ports
 * come from {@code FreePorts}).
 */
final class LocalProcesses {

    private LocalProcesses() {
    }

    /**
     * Returns once {@code process} accepts connections on {@code port}; fails with its
     * log when it exits first or {@code timeout} passes.
     */
    static void awaitListening(String name, Process process, int port, Duration timeout, Callable<String> log)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start-up:\n" + log.call());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            }
            catch (IOException notYet) {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException(
                name + " not listening on " + port + " after " + timeout.toSeconds() + " s:\n" + log.call());
    }

}
