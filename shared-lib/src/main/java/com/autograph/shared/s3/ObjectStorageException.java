package com.autograph.shared.s3;

/**
 * An S3 operation failed; the cause says whether it was the network, credentials or the
 * object.
 */
public class ObjectStorageException extends RuntimeException {

    public ObjectStorageException(Throwable cause) {
        super("Object storage operation failed: " + cause.getMessage(), cause);
    }

}
