package com.autograph.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Loopback ports for the servers a test starts itself, each handed out once per JVM.
 * <p>
 * The kernel picks each port of a bind to port 0 at random, so two asks in a row can get
 * the same free port: two services of one test platform then race for it, the loser
 * exits, and the winner answers the loser's readiness probe and requests (a 404 from
 * ai-service for {@code POST /api/auth/register}, say). Remembering every port handed out
 * rules that out within the test run; a port some other process takes meanwhile still
 * makes the server exit at start-up, which the tests report with its log.
 */
public final class FreePorts {

    private static final Set<Integer> handedOut = new HashSet<>();

    private FreePorts() {
    }

    /** A loopback port free now and not handed out before in this JVM. */
    public static synchronized int next() {
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = freeNow();
            if (handedOut.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No loopback port left that was not handed out before");
    }

    private static int freeNow() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("No free loopback port", ex);
        }
    }

}
