package com.communitypulse.webhook.secrets;

/** A secret is not configured or its store could not be read; the message names it, never its value. */
public class SecretUnavailableException extends RuntimeException {
    public SecretUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
