package com.communitypulse.welcome.domain;

/** The welcome was not posted for a transient reason; thrown so Lambda retries and finally dead-letters. */
public class WelcomeRetryException extends RuntimeException {
    public WelcomeRetryException(String message, Throwable cause) {
        super(message, cause);
    }
}
