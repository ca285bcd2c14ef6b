package com.autograph.diagram.web;

import org.springframework.http.HttpStatus;

import com.autograph.shared.error.ApiException;

/** A file's ETag = the quoted lock_version; writes must send it back in If-Match. */
public final class ETags {

    private ETags() {
    }

    public static String of(long lockVersion) {
        return "\"" + lockVersion + "\"";
    }

    /**
     * Checks If-Match against the current version: 428 without one (a write must say what
     * it read), 412 when it names another version. {@code *} matches any version.
     */
    public static void requireMatch(String ifMatch, long current) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(HttpStatus.PRECONDITION_REQUIRED, "precondition_required",
                    "Send If-Match with the file's ETag (from GET), so that a concurrent change is not overwritten.");
        }
        if (matches(ifMatch, of(current))) {
            return;
        }
        throw new ApiException(HttpStatus.PRECONDITION_FAILED, "precondition_failed",
                "The file has changed since you read it (ETag now " + of(current)
                        + "). Fetch it again and reapply your change.");
    }

    /**
     * Whether an If-Match value ({@code *} or a comma-separated list of tags) names
     * {@code current}, a quoted tag. A weak tag ({@code W/"…"}) compares by its value.
     */
    public static boolean matches(String ifMatch, String current) {
        for (String tag : ifMatch.split(",")) {
            String value = tag.strip();
            if (value.equals("*") || value.replaceFirst("^W/", "").equals(current)) {
                return true;
            }
        }
        return false;
    }

}
