package com.autograph.document;

/** Horizontal alignment of a shape's text. Default {@link #CENTER}. */
public enum TextAlign implements JsonName {

    LEFT, CENTER, RIGHT;

    @Override
    public String jsonName() {
        return JsonName.of(this);
    }

}
