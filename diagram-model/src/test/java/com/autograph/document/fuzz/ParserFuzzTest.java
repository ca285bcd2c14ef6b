package com.autograph.document.fuzz;

import org.junit.jupiter.api.Test;

/**
 * The fuzz targets: for each parser and importer, seeds from its committed corpus mutated
 * (bit flips, truncations, splices, repetition, deep nesting, odd numbers, NUL and lone
 * surrogates, and for draw.io compressed pages) and read. An input fails when the parser
 * throws anything but its documented errors ({@link AllowedErrors}), takes over 2 s of
 * CPU or allocates without bound ({@link Harness}). Tries and seed come from
 * {@link FuzzSettings}; each run prints its seed.
 */
class ParserFuzzTest {

    @Test
    void mermaid() {
        Fuzzer.run(Target.MERMAID);
    }

    @Test
    void eraser() {
        Fuzzer.run(Target.ERASER);
    }

    @Test
    void plantuml() {
        Fuzzer.run(Target.PLANTUML);
    }

    @Test
    void structurizr() {
        Fuzzer.run(Target.STRUCTURIZR);
    }

    @Test
    void d2() {
        Fuzzer.run(Target.D2);
    }

    @Test
    void drawio() {
        Fuzzer.run(Target.DRAWIO);
    }

    @Test
    void excalidraw() {
        Fuzzer.run(Target.EXCALIDRAW);
    }

    @Test
    void image() {
        Fuzzer.run(Target.IMAGE);
    }

    @Test
    void tldraw() {
        Fuzzer.run(Target.TLDRAW);
    }

    @Test
    void documentJson() {
        Fuzzer.run(Target.DOCUMENT);
    }

}
