package com.communitypulse.webhook;

import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.events.PublishException;
import java.util.ArrayList;
import java.util.List;

/** Records what would have gone on the bus; can be told to fail like an unreachable bus. */
public final class RecordingPublisher implements EventPublisher {
    public final List<BusEvent> events = new ArrayList<>();
    public boolean failing;

    @Override
    public synchronized void publish(List<BusEvent> batch) {
        if (failing) {
            throw new PublishException("1 event(s) not accepted by bus test-bus after 3 attempts; last error InternalFailure");
        }
        events.addAll(batch);
    }
}
