package com.autograph.document.formats;

/**
 * A file that can't be imported: not the format it claims to be, damaged, or refused for
 * safety (an XML DOCTYPE, an oversized compressed payload). The message says which, in
 * words a person can act on.
 */
public class FormatException extends RuntimeException {

    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }

}
