package com.communitypulse.testkit;

import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.events.PublishException;
import java.util.ArrayList;
import java.util.List;

/**
 * Records what would go on the bus. Can fail the next calls the way {@code EventBridgePublisher}
 * fails when the bus keeps refusing entries, so callers' retry paths run.
 */
public final class RecordingPublisher implements EventPublisher {
    private final List<BusEvent> events = new ArrayList<>();
    private int failNext;

    @Override
    public synchronized void publish(List<BusEvent> batch) {
        if (failNext > 0) {
            failNext--;
            throw new PublishException(batch.size() + " event(s) not accepted by the bus after 3 attempts (test)");
        }
        events.addAll(batch);
    }

    /** The next {@code calls} publishes throw, then publishing works again. */
    public synchronized void failNext(int calls) {
        failNext = calls;
    }

    public synchronized List<BusEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<BusEvent> ofType(String detailType) {
        return events.stream().filter(e -> e.detailType().equals(detailType)).toList();
    }

    public synchronized void clear() {
        events.clear();
    }
}
