package com.communitypulse.welcome.domain;

/**
 * The event is not a usable {@code contributor.first_contribution}. It is thrown, not dropped, so
 * the event ends in the function's dead-letter queue, where nothing of it is lost.
 */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }
}
