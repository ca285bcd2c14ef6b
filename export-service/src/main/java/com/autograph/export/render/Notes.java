package com.autograph.export.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.markdown.MarkdownRenderer;

/**
 * A file's note (Markdown written by users) made safe for an export with commonmark: raw
 * HTML becomes literal text and links or images to anything but http(s), mailto or a
 * relative address lose their target ({@code javascript:}, {@code data:},
 * {@code vbscript:} …). The same cleaned tree is written back as Markdown or rendered as
 * HTML.
 */
final class Notes {

    private static final Parser PARSER = Parser.builder().build();

    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

    private static final MarkdownRenderer MARKDOWN = MarkdownRenderer.builder().build();

    private Notes() {
    }

    static String html(String note) {
        return HTML.render(clean(note));
    }

    static String safeMarkdown(String note) {
        return MARKDOWN.render(clean(note));
    }

    private static Node clean(String note) {
        Node root = PARSER.parse(note);
        List<Node[]> replacements = new ArrayList<>();
        root.accept(new AbstractVisitor() {
            @Override
            public void visit(HtmlInline html) {
                replacements.add(new Node[] { html, new Text(html.getLiteral()) });
            }

            @Override
            public void visit(HtmlBlock html) {
                Paragraph p = new Paragraph();
                p.appendChild(new Text(html.getLiteral().strip()));
                replacements.add(new Node[] { html, p });
            }

            @Override
            public void visit(Link link) {
                link.setDestination(safe(link.getDestination()));
                visitChildren(link);
            }

            @Override
            public void visit(Image image) {
                image.setDestination(safe(image.getDestination()));
                visitChildren(image);
            }
        });
        for (Node[] r : replacements) {
            r[0].insertBefore(r[1]);
            r[0].unlink();
        }
        return root;
    }

    /** The destination when its scheme is harmless; "#" otherwise. */
    static String safe(String destination) {
        String d = destination == null ? "" : destination.strip();
        String lower = d.toLowerCase(Locale.ROOT).replaceAll("[\\s\\p{Cntrl}]", "");
        int colon = lower.indexOf(':');
        int slash = lower.indexOf('/');
        boolean hasScheme = colon >= 0 && (slash < 0 || colon < slash) && !lower.startsWith("#");
        if (!hasScheme || lower.startsWith("http:") || lower.startsWith("https:") || lower.startsWith("mailto:")) {
            return d;
        }
        return "#";
    }

}
