package com.autograph.ai.generate;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;

import com.autograph.shared.error.ApiException;

/**
 * Picks the source a request asks for among those configured: a name picks that one (400
 * for an unknown name); no name picks the provider chain when one is configured, else the
 * offline generator.
 */
public final class SourceSelector<S extends NamedSource> {

    public static final String OFFLINE = "offline";

    private final List<S> sources;

    public SourceSelector(List<S> sources) {
        this.sources = List.copyOf(sources);
    }

    /** Names a request's {@code provider} may take. */
    public List<String> names() {
        return sources.stream().map(NamedSource::name).toList();
    }

    public S choose(String requested) {
        if (requested != null) {
            return sources.stream()
                .filter(s -> s.name().equals(requested))
                .findFirst()
                .orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "unknown_provider",
                        "Unknown provider; one of " + names() + "."));
        }
        return sources.stream()
            .filter(s -> !s.name().equals(OFFLINE))
            .findFirst()
            .or(this::offline)
            .orElseThrow(() -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "no_source",
                    "No diagram source is available."));
    }

    public Optional<S> offline() {
        return sources.stream().filter(s -> s.name().equals(OFFLINE)).findFirst();
    }

}
