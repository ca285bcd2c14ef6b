package com.autograph.document.quality;

/**
 * How readable a diagram's geometry is; see {@link DiagramQuality} for how each figure is
 * measured and how they combine into the score.
 *
 * @param shapes shapes measured (visible, not connectors)
 * @param connectors connectors measured (visible, both ends known)
 * @param overlaps pairs of shapes that overlap, where neither contains the other
 * @param overlappingShapes shapes in at least one such pair
 * @param minSpacing the smallest gap between two shapes neither of which contains the
 * other, to hundredths of a px (0 when some touch or overlap); null with fewer than two
 * @param crowdedShapes shapes closer than the spacing target to another such shape
 * @param alignment the share (0–1) of shapes aligned with another (same centre, left or
 * top, within 1 px); frames and groups with contents don't count
 * @param edgeCrossings pairs of connector segments that cross (touching ends don't count)
 * @param labels labels measured: text on shapes (not text shapes), frame titles and
 * connector labels
 * @param labelOverlaps labels that overlap a shape other than their own
 * @param score 0–100, higher is more readable
 */
public record QualityReport(int shapes, int connectors, int overlaps, int overlappingShapes, Double minSpacing,
        int crowdedShapes, double alignment, int edgeCrossings, int labels, int labelOverlaps, int score) {
}
