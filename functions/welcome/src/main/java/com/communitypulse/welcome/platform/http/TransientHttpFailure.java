package com.communitypulse.welcome.platform.http;

/** Still failing after the retries, or a wait would outlast the invocation: try again later. */
public class TransientHttpFailure extends RuntimeException {
    public TransientHttpFailure(String message) {
        super(message);
    }

    public TransientHttpFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
