package com.autograph.document;

/** The dash pattern of outlines and connectors. Default {@link #SOLID}. */
public enum StrokeStyle implements JsonName {

    SOLID, DASHED, DOTTED;

    @Override
    public String jsonName() {
        return JsonName.of(this);
    }

}
