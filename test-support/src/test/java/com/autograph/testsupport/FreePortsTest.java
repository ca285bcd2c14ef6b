package com.autograph.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

    @Test
    void everyPortIsHandedOutOnceAndIsFreeWhenHandedOut() throws IOException {
        // 3,000 kernel picks from ~28,000 ephemeral ports repeat one almost surely
        // (birthday bound); handed out, none may repeat.
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 3000; i++) {
            assertThat(seen.add(FreePorts.next())).as("port handed out twice").isTrue();
        }
        int port = FreePorts.next();
        try (ServerSocket bound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(bound.getLocalPort()).isEqualTo(port);
        }
    }

}
