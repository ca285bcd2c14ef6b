package com.autograph.ai.generate;

/**
 * How good a generated diagram is, 0–100, and its parts (docs/ai.md): a draft that does
 * not parse scores 0; otherwise layout (the diagram-model quality score) gives up to 40,
 * and the right kind, the named components present, known icons and labelled connections
 * give up to 15 each.
 *
 * @param score the total
 * @param layout 0–40: readability of the laid-out geometry (overlaps, spacing, crossings)
 * @param kind 0 or 15: the kind of diagram the prompt asked for
 * @param components 0–15: share of the components the prompt names that the diagram shows
 * (architectures)
 * @param icons 0–15: share of icon keys the catalog knows
 * @param labels 0–15: share of labelled connections (architecture, sequence, ER)
 * @param overlaps pairs of overlapping shapes after layout
 */
public record Quality(int score, int layout, int kind, int components, int icons, int labels, int overlaps) {

    static final Quality UNPARSED = new Quality(0, 0, 0, 0, 0, 0, 0);

}
