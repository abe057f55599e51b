package com.communitypulse.score;

import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.events.PublishException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what would go on the bus; can be told to fail the next calls. */
final class RecordingPublisher implements EventPublisher {
    final List<BusEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failNext = new AtomicInteger();

    @Override
    public void publish(List<BusEvent> batch) {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new PublishException("bus unavailable (test)");
        }
        events.addAll(batch);
    }

    List<BusEvent> ofType(String detailType) {
        synchronized (events) {
            return events.stream().filter(e -> e.detailType().equals(detailType)).toList();
        }
    }
}
