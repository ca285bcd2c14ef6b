package com.autograph.platform.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The browser app's unit tests ({@code frontend/tests/unit/*.test.ts}, node:test through
 * tsx, the same as {@code npm run test:unit}) run with the machine's node; each top-level
 * test is reported here as a test of its own, so that they count in the Surefire totals.
 * Needs {@code npm ci} in {@code frontend/} (./autograph test does it).
 */
class FrontendUnitTest {

    /** A top-level result line of node's TAP reporter; subtests are indented. */
    private static final Pattern RESULT = Pattern.compile("^(ok|not ok) \\d+ - (.*?)(?: # (SKIP|TODO).*)?$");

    @TestFactory
    Stream<DynamicTest> theFrontendsUnitTests() throws Exception {
        Path frontend = RunningPlatform.repositoryRoot().resolve("frontend");
        assertThat(frontend.resolve("node_modules/tsx"))
            .as("the browser app's dependencies (npm ci in frontend/; ./autograph build does it)")
            .isDirectory();
        List<String> files;
        try (Stream<Path> listed = Files.list(frontend.resolve("tests/unit"))) {
            files = listed.map((file) -> "tests/unit/" + file.getFileName())
                .filter((name) -> name.endsWith(".test.ts"))
                .sorted()
                .toList();
        }
        assertThat(files).as("unit test files in frontend/tests/unit").isNotEmpty();
        List<String> command = new ArrayList<>(List.of("node", "--import", "tsx", "--test", "--test-reporter=tap"));
        command.addAll(files);

        Path output = RunningPlatform.repositoryRoot().resolve("platform-tests/target/frontend-unit.tap");
        Files.createDirectories(output.getParent());
        Process process = new ProcessBuilder(command).directory(frontend.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("the frontend unit tests did not finish within 5 minutes:\n" + Files.readString(output));
        }
        String tap = Files.readString(output);
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : tap.split("\n")) {
            Matcher result = RESULT.matcher(line);
            if (result.matches()) {
                boolean passed = result.group(1).equals("ok");
                tests.add(DynamicTest.dynamicTest(result.group(2), () -> {
                    if (!passed) {
                        fail("failed; node's TAP output: " + output);
                    }
                }));
            }
        }
        int exit = process.exitValue();
        tests.add(DynamicTest.dynamicTest("node --test exits 0 and ran every test", () -> {
            assertThat(exit).as("node --test's exit status:\n" + tap).isZero();
            assertThat(tap).as("node --test's summary").contains("# tests " + (tests.size() - 1) + "\n");
        }));
        return tests.stream();
    }

}
