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
import com.communitypulse.welcome.domain.TriageService;
import com.communitypulse.welcome.domain.WelcomeService;
import com.communitypulse.welcome.platform.GitHubLabels;
import com.communitypulse.welcome.platform.GitHubPoster;
import com.communitypulse.welcome.platform.http.RetryingHttp;
import com.communitypulse.welcome.store.DynamoDbWelcomeStore;
import com.communitypulse.welcome.triage.TriageConfig;
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
 * person's first merge / first accepted answer, once per person; of type {@code issue_opened} /
 * {@code pr_opened} -> triage: the labels of {@code TRIAGE_CONFIG} ({@link TriageService}).
 * Thin: reads the envelope, calls {@link WelcomeService} or {@link TriageService}, flushes metrics. Throwing
 * (transient failures, unusable events) makes Lambda retry and then dead-letter the event.
 */
public class WelcomeHandler implements RequestHandler<Map<String, Object>, Void> {
    /** Kept back from the invocation's remaining time to record the outcome after the last HTTP call. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(5);
    /** Budget when no Lambda context is given. */
    static final Duration DEFAULT_BUDGET = Duration.ofSeconds(55);

    private final WelcomeService service;
    /** Null when not built (tests of the welcome alone): triage events then do nothing. */
    private final TriageService triage;
    private final Clock clock;
    /** Held so CRaC keeps it: SnapStart runs it before the snapshot. It never calls a platform. */
    private final Priming priming;

    public WelcomeHandler() {
        this(Env.system());
    }

    public WelcomeHandler(Env env) {
        this(create(env, MetricsFactory.getMetricsInstance()), Clock.systemUTC());
    }

    private WelcomeHandler(Services services, Clock clock) {
        this(services.welcome(), services.triage(), clock);
    }

    public WelcomeHandler(WelcomeService service, Clock clock) {
        this(service, null, clock);
    }

    public WelcomeHandler(WelcomeService service, TriageService triage, Clock clock) {
        this.service = service;
        this.triage = triage;
        this.clock = clock;
        this.priming = Priming.builder("welcome").primeJackson().build().register();
    }

    private record Services(WelcomeService welcome, TriageService triage) {
    }

    private static Services create(Env env, Metrics metrics) {
        WelcomeConfig config = WelcomeConfig.from(env);
        // read at start: a mistake stops the function with a message naming it, instead of failing events one by one
        TriageConfig triageConfig = TriageConfig.parse(env.get("TRIAGE_CONFIG", ""));
        String namespace = env.get("POWERTOOLS_METRICS_NAMESPACE", "CommunityPulse");
        metrics.setNamespace(namespace);
        DynamoDbClient dynamo = AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB").build();
        RetryingHttp http = RetryingHttp.create(config.http());
        DynamoDbWelcomeStore store = new DynamoDbWelcomeStore(dynamo, config.tableName(), config.erasureSalt());
        TokenSource tokens = TokenSource.fromEnv(env);
        var posters = WelcomeService.posters(config, http);
        PowertoolsWelcomeMetrics welcomeMetrics = new PowertoolsWelcomeMetrics(metrics, namespace);
        // triage talks to GitHub through the welcome's own poster: one client, one token source, one App token cache
        GitHubPoster github = posters.stream().filter(GitHubPoster.class::isInstance).map(GitHubPoster.class::cast)
                .findFirst().orElseThrow();
        return new Services(
                new WelcomeService(config, store, tokens, posters, welcomeMetrics, Clock.systemUTC()),
                new TriageService(triageConfig, config, store, tokens, new GitHubLabels(github), welcomeMetrics,
                        Clock.systemUTC()));
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
                CommunityAction action = parseAction(event);
                if (action.context() != null && TriageService.TYPES.contains(action.context().type())) {
                    if (triage != null) {
                        triage.label(action, deadline);
                    }
                } else {
                    service.celebrate(action, deadline);
                }
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
