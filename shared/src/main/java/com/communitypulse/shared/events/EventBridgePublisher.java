package com.communitypulse.shared.events;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * {@link EventPublisher} over EventBridge {@code PutEvents}. PutEvents can succeed as a call
 * while failing some entries ({@code FailedEntryCount > 0}); those entries, and only those,
 * are sent again, a bounded number of times, before giving up loudly.
 *
 * <p>Each entry carries the invocation's X-Ray trace header, so EventBridge hands it to the rule's targets and the
 * functions downstream keep the sampling decision made at the API: one trace per delivery, sampled once, instead
 * of each asynchronously invoked function starting (and paying for) a trace of its own.
 */
public final class EventBridgePublisher implements EventPublisher {
    /** PutEvents takes at most 10 entries per call. */
    static final int BATCH = 10;
    static final int ATTEMPTS = 3;

    /** Where Lambda's Java runtime puts the current invocation's trace header (the environment has only init's). */
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

    private final EventBridgeClient client;
    private final String busName;
    private final Supplier<String> traceHeader;

    public EventBridgePublisher(EventBridgeClient client, String busName) {
        this(client, busName, () -> System.getProperty(TRACE_HEADER_PROPERTY));
    }

    /** @param traceHeader the current X-Ray trace header, or null outside a traced invocation */
    public EventBridgePublisher(EventBridgeClient client, String busName, Supplier<String> traceHeader) {
        this.client = client;
        this.busName = busName;
        this.traceHeader = traceHeader;
    }

    @Override
    public void publish(List<BusEvent> events) {
        for (int start = 0; start < events.size(); start += BATCH) {
            putBatch(events.subList(start, Math.min(events.size(), start + BATCH)));
        }
    }

    private void putBatch(List<BusEvent> batch) {
        List<PutEventsRequestEntry> pending = new ArrayList<>();
        String trace = traceHeader.get();
        for (BusEvent event : batch) {
            pending.add(PutEventsRequestEntry.builder()
                    .eventBusName(busName)
                    .source(event.source())
                    .detailType(event.detailType())
                    .detail(event.detail())
                    .traceHeader(trace == null || trace.isBlank() ? null : trace)
                    .build());
        }
        String lastError = "";
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            PutEventsResponse response = client.putEvents(PutEventsRequest.builder().entries(pending).build());
            if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
                return;
            }
            List<PutEventsRequestEntry> failed = new ArrayList<>();
            List<PutEventsResultEntry> results = response.entries();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).errorCode() != null) {
                    failed.add(pending.get(i));
                    lastError = results.get(i).errorCode() + ": " + results.get(i).errorMessage();
                }
            }
            pending = failed;
        }
        if (!pending.isEmpty()) {
            throw new PublishException(pending.size() + " event(s) not accepted by bus " + busName
                    + " after " + ATTEMPTS + " attempts; last error " + lastError);
        }
    }
}
