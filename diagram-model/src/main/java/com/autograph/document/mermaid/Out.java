package com.autograph.document.mermaid;

/** Lines of Mermaid code with four-space indentation per level. */
final class Out {

    private final StringBuilder sb = new StringBuilder();

    int depth;

    Out line(String text) {
        sb.append(text.isEmpty() ? "" : Mermaid.INDENT.repeat(depth)).append(text).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }

}
