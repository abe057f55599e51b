package com.communitypulse.welcome;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.observability.Correlation;
import com.communitypulse.shared.observability.Priming;
import com.communitypulse.welcome.domain.FirstContribution;
import com.communitypulse.welcome.domain.InvalidEventException;
import com.communitypulse.welcome.domain.WelcomeService;
import com.communitypulse.welcome.platform.http.RetryingHttp;
import com.communitypulse.welcome.store.DynamoDbWelcomeStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * {@code contributor.first_contribution} -> a welcome on the contributor's platform, once per person;
 * {@code community.action} of type {@code pr_merged} / {@code answer_accepted} -> a celebration of the
 * person's first merge / first accepted answer, once per person.
 * Thin: reads the envelope, calls {@link WelcomeService}, flushes metrics. Throwing (transient
 * failures, unusable events) makes Lambda retry and then dead-letter the event.
 */
public class WelcomeHandler implements RequestHandler<Map<String, Object>, Void> {
    /** Kept back from the invocation's remaining time to record the outcome after the last HTTP call. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);
    /** Budget when no Lambda context is given. */
    static final Duration DEFAULT_BUDGET = Duration.ofSeconds(55);

    private final WelcomeService service;
    private final Clock clock;
    /** Held so CRaC keeps it: SnapStart runs it before the snapshot. It never calls a platform. */
    private final Priming priming;

    public WelcomeHandler() {
        this(Env.system());
    }

    public WelcomeHandler(Env env) {
        this(create(env, MetricsFactory.getMetricsInstance()), Clock.systemUTC());
    }

    public WelcomeHandler(WelcomeService service, Clock clock) {
        this.service = service;
        this.clock = clock;
        this.priming = Priming.builder("welcome").primeJackson().build().register();
    }

    private static WelcomeService create(Env env, Metrics metrics) {
        WelcomeConfig config = WelcomeConfig.from(env);
        String namespace = env.get("POWERTOOLS_METRICS_NAMESPACE", "CommunityPulse");
        metrics.setNamespace(namespace);
        DynamoDbClient dynamo = AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB").build();
        RetryingHttp http = RetryingHttp.create(config.http());
        return new WelcomeService(config, new DynamoDbWelcomeStore(dynamo, config.tableName(), config.erasureSalt()),
                TokenSource.fromEnv(env), WelcomeService.posters(config, http),
                new PowertoolsWelcomeMetrics(metrics, namespace), Clock.systemUTC());
    }

    @Override
    public Void handleRequest(Map<String, Object> event, Context context) {
        if (context != null) { // the Lambda context on every log line (function_*, service, cold_start); tests may pass none
            PowertoolsLogging.initializeLogging(context);
        }
        try (Correlation.Scope ids = Correlation.fromBusEvent(event)) {
            Object type = event == null ? null : event.get("detail-type");
            Duration budget = context == null ? DEFAULT_BUDGET
                    : Duration.ofMillis(context.getRemainingTimeInMillis()).minus(SAFETY_MARGIN);
            Instant deadline = clock.instant().plus(budget);
            if (Sources.ACTION.equals(type)) {
                service.celebrate(parseAction(event), deadline);
            } else {
                service.welcome(parse(event), deadline);
            }
            return null;
        } finally {
            MetricsFactory.getMetricsInstance().flush();
        }
    }

    static FirstContribution parse(Map<String, Object> event) {
        if (event == null) {
            throw new InvalidEventException("no event");
        }
        Object type = event.get("detail-type");
        if (!Sources.FIRST_CONTRIBUTION.equals(type)) {
            throw new InvalidEventException("detail-type must be " + Sources.FIRST_CONTRIBUTION + " or "
                    + Sources.ACTION + ", not " + type);
        }
        return FirstContribution.fromDetail(Json.mapper().valueToTree(event.get("detail")));
    }

    static CommunityAction parseAction(Map<String, Object> event) {
        Object detail = event.get("detail");
        if (!(detail instanceof Map<?, ?>)) {
            throw new InvalidEventException("detail must be a JSON object");
        }
        try {
            return Json.mapper().convertValue(detail, CommunityAction.class);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("detail is not a community.action: " + e.getMessage());
        }
    }
}
