package com.communitypulse.shared.events;

import java.util.List;

/** Puts events on the Community Pulse bus. */
public interface EventPublisher {
    /**
     * Publishes every event or throws: an event that could not be put after retries is never
     * dropped silently, so the caller's invocation fails and is retried or dead-lettered.
     */
    void publish(List<BusEvent> events);
}
