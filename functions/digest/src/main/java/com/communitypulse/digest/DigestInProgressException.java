package com.communitypulse.digest;

/** The week is claimed by another invocation that has not finished: thrown so Lambda retries, then dead-letters. */
public class DigestInProgressException extends RuntimeException {
    public DigestInProgressException(String message) {
        super(message);
    }
}
