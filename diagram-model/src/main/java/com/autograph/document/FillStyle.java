package com.autograph.document;

/**
 * How a shape's interior is painted with its fill colour. {@link #NONE} leaves it
 * unpainted whatever the colour; {@link #PATTERN} is any other pattern a source format
 * has (renderers draw dots). Default {@link #SOLID}.
 */
public enum FillStyle implements JsonName {

    SOLID, NONE, HACHURE, CROSS_HATCH, PATTERN;

    @Override
    public String jsonName() {
        return JsonName.of(this);
    }

}
