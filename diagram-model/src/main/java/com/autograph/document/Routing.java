package com.autograph.document;

/** How a connector runs between its ends and waypoints. Default {@link #STRAIGHT}. */
public enum Routing implements JsonName {

    STRAIGHT, ELBOW, CURVED;

    @Override
    public String jsonName() {
        return JsonName.of(this);
    }

}
