package com.autograph.ai.icons;

/** A run of words in a text that names an icon: the words as normalised, and the icon. */
public record Mention(String term, Icon icon) {
}
