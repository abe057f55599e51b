package com.communitypulse.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.communitypulse.api.domain.ScoreExplainer;
import com.communitypulse.api.store.BusFactorReader;
import com.communitypulse.api.store.ContributorReader;
import com.communitypulse.api.store.HealthReader;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.events.EventBridgePublisher;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.figures.ResponseDebt;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.store.TableKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The read API: {@code GET /contributors/{id}}, {@code GET /contributors/{id}/explain} (the score's breakdown
 * and the tier's reason, {@link ScoreExplainer}), {@code GET /leaderboard?period=&limit=&cursor=} and
 * {@code GET /bus-factor?repo=} ({@link BusFactorReader}), routed by {@link ApiRoutes}; the dashboard's page
 * and assets by {@link Dashboard}; {@code GET /admin/export/{file}}, paged JSON lines and CSV, by {@link ExportRoutes};
 * {@code POST /admin/people/{id}/crm}, put on the bus for the score function to apply, by {@link AdminRoutes}.
 * Bad input is a 400 with a JSON reason, an unknown contributor a 404. A 200 carries
 * {@code Cache-Control: max-age=5} and is kept in memory for 5 s: new activity shows within
 * seconds, and a burst of refreshes still costs one read per URL per 5 s per warm instance. Any
 * other answer is {@code no-store} and never cached (a contributor may exist a moment later), and so is every
 * export page.
 */
public final class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    private final ApiRoutes routes;

    public ApiHandler() {
        this(Env.system());
    }

    public ApiHandler(Env env) {
        this(new ContributorReader(AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB").build(),
                env.require("TABLE_NAME")), ScoringConfig.parse(env.get("SCORING_CONFIG", "")),
                Clock.systemUTC(), responseTarget(env.get("RESPONSE_TARGET_HOURS", "24")),
                Boolean.parseBoolean(env.get("DASHBOARD_PUBLIC", "false").trim()),
                env.get("ERASURE_SALT").filter(salt -> !salt.isBlank()).orElse(TableKeys.DEFAULT_ERASURE_SALT),
                bus(env));
    }

    /** The bus the admin writes go on (the stack's, as every function gets it), or null without one. */
    static EventPublisher bus(Env env) {
        return env.get("EVENT_BUS_NAME").filter(name -> !name.isBlank())
                .map(name -> (EventPublisher) new EventBridgePublisher(
                        AwsClients.configure(EventBridgeClient.builder(), env, "EVENTBRIDGE").build(), name))
                .orElse(null);
    }

    /** The digest's response target, as {@code RESPONSE_TARGET_HOURS} (whole hours 1 to 672). */
    static Duration responseTarget(String hours) {
        try {
            int h = Integer.parseInt(hours.trim());
            if (h >= 1 && h <= 672) {
                return Duration.ofHours(h);
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new IllegalArgumentException("RESPONSE_TARGET_HOURS must be a whole number of hours from 1 to 672, got: " + hours);
    }

    public ApiHandler(ContributorReader reader, Clock clock) {
        this(reader, ScoringConfig.defaults(), clock);
    }

    /** With the scoring config {@code /explain} reports (the score function's SCORING_CONFIG). */
    public ApiHandler(ContributorReader reader, ScoringConfig config, Clock clock) {
        this(reader, config, clock, ResponseDebt.DEFAULT_TARGET, false);
    }

    /** With the digest's response target and the dashboard's public mode. */
    public ApiHandler(ContributorReader reader, ScoringConfig config, Clock clock,
                      Duration responseTarget, boolean publicMode) {
        this(reader, config, clock, responseTarget, publicMode, TableKeys.DEFAULT_ERASURE_SALT);
    }

    /** With the salt of the erasure markers the exports check ({@code ERASURE_SALT}, as the score function's). */
    public ApiHandler(ContributorReader reader, ScoringConfig config, Clock clock,
                      Duration responseTarget, boolean publicMode, String erasureSalt) {
        this(reader, config, clock, responseTarget, publicMode, erasureSalt, null);
    }

    /** With the bus the admin writes go on ({@code POST /admin/people/{id}/crm}); null answers them 503. */
    public ApiHandler(ContributorReader reader, ScoringConfig config, Clock clock,
                      Duration responseTarget, boolean publicMode, String erasureSalt, EventPublisher bus) {
        this.routes = new ApiRoutes(reader, new ScoreExplainer(config), new BusFactorReader(reader.digestStore()),
                new HealthReader(reader.digestStore(), responseTarget, config.highImpactThreshold()), reader.backfillReader(),
                new ExportRoutes(reader.exportReader(erasureSalt)), new AdminRoutes(reader, bus, clock),
                new SuggestionRoutes(reader.suggestionReader()), clock, publicMode);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        if (context != null) { // the Lambda context on every log line (function_*, service, cold_start); tests may pass none
            PowertoolsLogging.initializeLogging(context);
        }
        APIGatewayProxyResponseEvent page = Dashboard.serve(request);
        if (page != null) {
            return page;
        }
        ApiRoutes.Answer answer = routes.route(request);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", answer.contentType());
        headers.put("Cache-Control", answer.status() == 200 ? "max-age=" + ApiRoutes.CACHE_TTL.toSeconds() : "no-store");
        headers.putAll(answer.headers());
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(answer.status())
                .withHeaders(headers)
                .withBody(answer.body());
    }
}
