package com.autograph.document.mermaid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The Mermaid test files under src/test/resources/mermaid/{corpus,bad}. */
final class MermaidCorpus {

    record Sample(String name, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    private MermaidCorpus() {
    }

    static List<Sample> load(String folder) {
        try {
            Path dir = Path.of(MermaidCorpus.class.getResource("/mermaid/" + folder).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.toString().endsWith(".mmd"))
                    .sorted()
                    .map(p -> new Sample(p.getFileName().toString(), read(p)))
                    .toList();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
