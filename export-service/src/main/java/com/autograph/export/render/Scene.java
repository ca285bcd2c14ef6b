package com.autograph.export.render;

import com.autograph.document.DiagramDocument;

/** What a render draws, decided and limit-checked before any output is built. */
final class Scene {

    private Scene() {
    }

    static void checkShapes(DiagramDocument document, RenderLimits limits) {
        if (document.shapes().size() > limits.maxShapes()) {
            throw new RenderLimitExceededException(RenderLimits.MAX_SHAPES, limits.maxShapes(),
                    "The diagram has " + document.shapes().size() + " shapes");
        }
    }
}
