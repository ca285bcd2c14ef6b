package com.autograph.platform.e2e;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The dashboard's organising features and the AI in real Chromium against a real platform
 * (auth-, diagram-, export- and ai-service, ai-service with its offline generator, the
 * default): "New from prompt" with its streamed stages, the editor's AI panel (refine in
 * place; explain, critique, suggest) and its errors, drag-and-drop moves onto folders and
 * breadcrumbs, tags, batch selection and the command palette. The journey is
 * {@code frontend/tests/run-dashboard.mjs}; screenshots and the axe-core report go to
 * {@code platform-tests/target/browser-tests-dashboard/}.
 */
class DashboardAndAiBrowserTest {

    private static BrowserJourney journey;

    @BeforeAll
    static void start() throws Exception {
        journey = BrowserJourney.start(List.of("auth-service", "diagram-service", "export-service", "ai-service"));
    }

    @AfterAll
    static void stop() {
        if (journey != null) {
            journey.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> organisingAndAiThroughTheApp() throws Exception {
        return journey.run("tests/run-dashboard.mjs", "browser-tests-dashboard");
    }

}
