package com.communitypulse.normalise;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.communitypulse.normalise.domain.ActionJson;
import com.communitypulse.normalise.domain.ActionSchema;
import com.communitypulse.normalise.domain.Normaliser;
import com.communitypulse.normalise.domain.NormaliserConfig;
import com.communitypulse.normalise.domain.Outcome;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.EventBridgePublisher;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.model.RawDelivery;
import com.communitypulse.shared.observability.Correlation;
import com.communitypulse.shared.observability.Priming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The normalise function: one webhook delivery in (the EventBridge envelope of
 * {@code community-pulse.webhook} / {@code <platform>.<event>}, detail = {@code RawDelivery}),
 * its {@code community.action}s out, all in one publish. A delivery that maps to nothing, or that
 * cannot be mapped, is logged, counted and acknowledged, never thrown back (a retry would fail the
 * same way); only a failed publish throws, so EventBridge retries it and then dead-letters it.
 */
public final class NormaliseHandler implements RequestHandler<Map<String, Object>, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(NormaliseHandler.class);

    private final Normaliser normaliser;
    private final EventPublisher publisher;
    private final NormaliseMetrics metrics;
    @SuppressWarnings("unused") // held so CRaC keeps the SnapStart primers registered
    private final Priming priming;

    /** Lambda's entry point. */
    public NormaliseHandler() {
        this(Env.system());
    }

    /** Builds the real clients once, from the function's environment (Lambda and the local runner). */
    public NormaliseHandler(Env env) {
        this(new Normaliser(NormaliserConfig.from(env)),
                new EventBridgePublisher(AwsClients.configure(EventBridgeClient.builder(), env, "EVENTBRIDGE").build(),
                        env.require("EVENT_BUS_NAME")),
                new PowertoolsNormaliseMetrics(MetricsFactory.getMetricsInstance(),
                        env.get("POWERTOOLS_METRICS_NAMESPACE", "CommunityPulse")));
    }

    /** For tests: any publisher and metrics. */
    public NormaliseHandler(Normaliser normaliser, EventPublisher publisher, NormaliseMetrics metrics) {
        this.normaliser = normaliser;
        this.publisher = publisher;
        this.metrics = metrics;
        this.priming = Priming.builder("normalise")
                .primeJackson()
                .prime("schema", () -> ActionSchema.get())
                .prime("normaliser", () -> normaliser.normalise(PrimingSample.delivery()))
                .build()
                .register();
    }

    @Override
    public Void handleRequest(Map<String, Object> envelope, Context context) {
        if (context != null) { // the Lambda context on every log line (function_*, service, cold_start); tests may pass none
            PowertoolsLogging.initializeLogging(context);
        }
        try (Correlation.Scope ids = Correlation.fromBusEvent(envelope)) {
            RawDelivery delivery = readDetail(envelope);
            String event = eventName(envelope, delivery);
            Outcome outcome = normaliser.normalise(delivery);
            switch (outcome.status()) {
                case MAPPED -> {
                    publisher.publish(busEvents(outcome.communityActions()));
                    metrics.published(event, outcome.actions().size());
                    // types and ids only: a key can hold a custom source's body, which is never logged
                    LOG.info("{} -> {}", event, outcome.communityActions().stream()
                            .map(action -> action.context().type() + " " + action.id()).toList());
                }
                case IGNORED -> {
                    metrics.ignored(event);
                    LOG.info("{} ignored: {}", event, shorten(outcome.reason()));
                }
                case UNMAPPABLE -> {
                    metrics.unmappable(event);
                    LOG.error("{} cannot be mapped, acknowledged without actions: {}", event, shorten(outcome.reason()));
                }
            }
        }
        return null;
    }

    private static String shorten(String reason) {
        return reason == null || reason.length() <= 500 ? reason : reason.substring(0, 500) + "...";
    }

    /** The envelope's {@code detail} as a {@code RawDelivery}; null when it is not one. */
    private static RawDelivery readDetail(Map<String, Object> envelope) {
        Object detail = envelope == null ? null : envelope.get("detail");
        if (!(detail instanceof Map<?, ?>)) {
            return null;
        }
        try {
            return Json.mapper().convertValue(detail, RawDelivery.class);
        } catch (IllegalArgumentException e) {
            LOG.warn("detail is not a RawDelivery: {}", e.getClass().getSimpleName());
            return null;
        }
    }

    /** {@code <platform>.<event>}: the metric dimension, bounded by what platforms send. */
    static String eventName(Map<String, Object> envelope, RawDelivery delivery) {
        if (delivery != null && delivery.platform() != null && delivery.event() != null) {
            return delivery.platform() + "." + delivery.event();
        }
        Object detailType = envelope == null ? null : envelope.get("detail-type");
        return detailType instanceof String text && !text.isBlank() ? text : "unknown";
    }

    private static List<BusEvent> busEvents(List<CommunityAction> actions) {
        List<BusEvent> events = new ArrayList<>(actions.size());
        for (CommunityAction action : actions) {
            events.add(new BusEvent(Sources.NORMALISE, Sources.ACTION, ActionJson.write(action)));
        }
        return events;
    }
}
