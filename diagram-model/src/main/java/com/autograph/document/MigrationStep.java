package com.autograph.document;

import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a document of version {@link #from()} into version {@code from() + 1}, in place.
 */
interface MigrationStep {

    int from();

    /**
     * Rewrites {@code document} (the migrator's own copy). Must keep every field it does
     * not understand, and must not throw on odd input: the validator reports what is
     * wrong afterwards.
     */
    void apply(ObjectNode document);

}
