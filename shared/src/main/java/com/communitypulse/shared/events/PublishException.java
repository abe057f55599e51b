package com.communitypulse.shared.events;

/** Some events could not be put on the bus, even after retries. */
public class PublishException extends RuntimeException {
    public PublishException(String message) {
        super(message);
    }
}
