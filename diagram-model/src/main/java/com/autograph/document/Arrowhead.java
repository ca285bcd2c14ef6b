package com.autograph.document;

/**
 * The decoration at one end of a connector. The last five are entity-relationship (crow's
 * foot) cardinalities.
 */
public enum Arrowhead implements JsonName {

    NONE, ARROW, TRIANGLE, DIAMOND, CIRCLE, BAR, ONE, MANY, ZERO_OR_ONE, ONE_OR_MANY, ZERO_OR_MANY;

    @Override
    public String jsonName() {
        return JsonName.of(this);
    }

}
