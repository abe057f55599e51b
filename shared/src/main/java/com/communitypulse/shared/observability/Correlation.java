package com.communitypulse.shared.observability;

import com.communitypulse.shared.model.CommunityAction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Correlation ids in the logs, carried across the bus. Every log line a function writes while a
 * {@link Scope} is open carries them as JSON fields (the Powertools JSON layout prints every MDC
 * key), so one CloudWatch Logs Insights query follows a delivery from the webhook to the welcome:
 * {@code filter delivery_id = "..."}.
 *
 * <ul>
 *   <li>{@value #DELIVERY_ID}: the platform's delivery id (GitHub's {@code X-GitHub-Delivery} ...),
 *       set by the webhook, carried in {@code RawDelivery.delivery_id} and
 *       {@code community.action.context.delivery_id};</li>
 *   <li>{@value #ACTION_ID}: the {@code community.action} id, set from normalise on;</li>
 *   <li>{@value #BUS_EVENT_ID}: the EventBridge event id of the invocation;</li>
 *   <li>{@value #CORRELATION_ID}: Powertools' standard field, the delivery id when known, else the
 *       action id, else the bus event id.</li>
 * </ul>
 *
 * <pre>{@code
 * // a bus handler (normalise, score, welcome)
 * try (Correlation.Scope ids = Correlation.fromBusEvent(envelope)) {
 *     service.handle(envelope);
 * }
 * // the webhook, once the delivery id is known
 * try (Correlation.Scope ids = Correlation.forDelivery(deliveryId)) { ... }
 * }</pre>
 *
 * Producers keep the chain going by putting {@code delivery_id} (and {@code action_id} when the
 * event is about an action) in the detail they publish; {@link #ids()} gives the current ones.
 */
public final class Correlation {
    public static final String DELIVERY_ID = "delivery_id";
    public static final String ACTION_ID = "action_id";
    public static final String BUS_EVENT_ID = "bus_event_id";
    public static final String CORRELATION_ID = "correlation_id";

    private static final String[] KEYS = {DELIVERY_ID, ACTION_ID, BUS_EVENT_ID, CORRELATION_ID};

    private Correlation() {
    }

    /** The webhook's scope: one platform delivery. */
    public static Scope forDelivery(String deliveryId) {
        return open(deliveryId, null, null);
    }

    /** One action (e.g. a service handling actions in a loop). */
    public static Scope forAction(String actionId, String deliveryId) {
        return open(deliveryId, actionId, null);
    }

    /**
     * The ids of one EventBridge envelope ({@code id}, {@code detail-type}, {@code detail}): the
     * detail's {@code delivery_id} and {@code action_id}, a {@code community.action}'s own id and
     * {@code context.delivery_id}, or those of an {@code action} object inside the detail.
     * Anything missing or of the wrong shape is simply left out: logging never fails a function.
     */
    public static Scope fromBusEvent(Map<String, ?> envelope) {
        if (envelope == null) {
            return open(null, null, null);
        }
        String busEventId = text(envelope.get("id"));
        Map<?, ?> detail = envelope.get("detail") instanceof Map<?, ?> map ? map : Map.of();
        String deliveryId = text(detail.get(DELIVERY_ID));
        String actionId = text(detail.get(ACTION_ID));
        boolean isAction = CommunityAction.EVENT.equals(text(envelope.get("detail-type")))
                || CommunityAction.EVENT.equals(text(detail.get("event")));
        if (isAction) {
            actionId = first(actionId, text(detail.get("id")));
            deliveryId = first(deliveryId, nested(detail, "context", DELIVERY_ID));
        }
        if (detail.get("action") instanceof Map<?, ?> action) {
            actionId = first(actionId, text(action.get("id")));
            deliveryId = first(deliveryId, nested(action, "context", DELIVERY_ID));
        }
        return open(deliveryId, actionId, busEventId);
    }

    /** The correlation ids now in force, to copy into the detail of an event this function publishes. */
    public static Map<String, String> ids() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String key : new String[] {DELIVERY_ID, ACTION_ID}) {
            String value = MDC.get(key);
            if (value != null) {
                ids.put(key, value);
            }
        }
        return ids;
    }

    public static Optional<String> deliveryId() {
        return Optional.ofNullable(MDC.get(DELIVERY_ID));
    }

    private static Scope open(String deliveryId, String actionId, String busEventId) {
        Map<String, String> previous = new LinkedHashMap<>();
        for (String key : KEYS) {
            previous.put(key, MDC.get(key));
        }
        put(DELIVERY_ID, deliveryId);
        put(ACTION_ID, actionId);
        put(BUS_EVENT_ID, busEventId);
        put(CORRELATION_ID, first(deliveryId, first(actionId, busEventId)));
        return new Scope(previous);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    private static String nested(Map<?, ?> map, String child, String key) {
        return map.get(child) instanceof Map<?, ?> inner ? text(inner.get(key)) : null;
    }

    private static String text(Object value) {
        if (value instanceof String s && !s.isBlank()) {
            return s.length() > 200 ? s.substring(0, 200) : s;
        }
        return value instanceof Number n ? n.toString() : null;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /**
     * The ids of one unit of work; closing it puts back what was there before (Lambda reuses
     * the thread for the next invocation, and scopes may nest).
     */
    public static final class Scope implements AutoCloseable {
        private final Map<String, String> previous;

        private Scope(Map<String, String> previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            previous.forEach(Correlation::put);
        }
    }
}
