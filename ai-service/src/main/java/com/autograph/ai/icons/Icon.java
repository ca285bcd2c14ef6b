package com.autograph.ai.icons;

import java.util.List;

/**
 * One icon key of the catalog: {@code key} is what a shape's {@code icon} field holds
 * (e.g. {@code aws-lambda}); {@code provider} is aws, azure, gcp, kubernetes or generic.
 */
public record Icon(String key, String name, String provider, String category, List<String> aliases) {

    public Icon {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

}
