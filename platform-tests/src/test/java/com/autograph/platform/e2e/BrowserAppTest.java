package com.autograph.platform.e2e;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The browser app in real Chromium against a real platform: auth-service,
 * diagram-service, export-service and collaboration-service behind a gateway serving
 * frontend/dist, with mail caught by GreenMail (see {@link BrowserJourney}); two browser
 * contexts edit one diagram live. The journey itself is {@code frontend/tests/run.mjs};
 * screenshots of every step and the axe-core report go to
 * {@code platform-tests/target/browser-tests/}.
 */
class BrowserAppTest {

    private static BrowserJourney journey;

    @BeforeAll
    static void start() throws Exception {
        journey = BrowserJourney
            .start(List.of("auth-service", "diagram-service", "export-service", "collaboration-service"));
    }

    @AfterAll
    static void stop() {
        if (journey != null) {
            journey.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> aPersonsJourneyThroughTheApp() throws Exception {
        return journey.run("tests/run.mjs", "browser-tests");
    }

}
