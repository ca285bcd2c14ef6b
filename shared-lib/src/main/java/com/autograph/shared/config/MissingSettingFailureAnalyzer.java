package com.autograph.shared.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.util.PlaceholderResolutionException;

/**
 * Turns "Could not resolve placeholder" deep in a bean-creation stack into a start-up
 * failure that names the missing setting and where it can be given.
 */
class MissingSettingFailureAnalyzer extends AbstractFailureAnalyzer<PlaceholderResolutionException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PlaceholderResolutionException cause) {
        String setting = cause.getPlaceholder();
        return new FailureAnalysis("Required setting '" + setting + "' is not set.",
                "Set the environment variable " + setting + ", or add " + setting
                        + "=... to .env.<profile> (profiles: local, docker, kubernetes) in the directory named by"
                        + " AUTOGRAPH_ENV_DIR (default: the working directory).",
                cause);
    }

}
