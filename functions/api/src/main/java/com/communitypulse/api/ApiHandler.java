package com.communitypulse.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The read API: {@code GET /contributors/{id}} and {@code GET /leaderboard?period=&limit=&cursor=}.
 * Bad input is a 400 with a JSON reason, an unknown contributor a 404; answers carry
 * {@code Cache-Control: max-age=60} and are cached in memory for 60 s.
 */
public final class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;
    private static final Duration CACHE_TTL = Duration.ofSeconds(60);

    /** Status and body, as cached. */
    record Answer(int status, String body) {
    }

    private final ContributorReader reader;
    private final Clock clock;
    private final ResponseCache<Answer> cache;

    public ApiHandler() {
        this(Env.system());
    }

    public ApiHandler(Env env) {
        this(new ContributorReader(AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB").build(),
                env.require("TABLE_NAME")), Clock.systemUTC());
    }

    public ApiHandler(ContributorReader reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
        this.cache = new ResponseCache<>(clock, CACHE_TTL, 1000);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        Answer answer = route(request);
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(answer.status())
                .withHeaders(Map.of("Content-Type", "application/json",
                        "Cache-Control", "max-age=" + CACHE_TTL.toSeconds()))
                .withBody(answer.body());
    }

    private Answer route(APIGatewayProxyRequestEvent request) {
        String method = request.getHttpMethod() == null ? "GET" : request.getHttpMethod().toUpperCase(Locale.ROOT);
        String path = request.getPath() == null ? "" : request.getPath();
        String resource = request.getResource() == null ? path : request.getResource();
        Map<String, String> query = request.getQueryStringParameters() == null ? Map.of() : request.getQueryStringParameters();
        boolean contributor = resource.equals("/contributors/{id}") || path.startsWith("/contributors/");
        boolean leaderboard = resource.equals("/leaderboard") || path.equals("/leaderboard");
        if (!contributor && !leaderboard) {
            return error(404, "no such route: " + path);
        }
        if (!method.equals("GET")) {
            return error(405, "only GET is supported");
        }
        if (contributor) {
            String raw = request.getPathParameters() != null && request.getPathParameters().get("id") != null
                    ? request.getPathParameters().get("id") : path.substring("/contributors/".length());
            String id = Identities.decode(raw);
            if (!Identities.valid(id)) {
                return error(400, "contributor id must be platform:id or platform:@login, e.g. github:583231");
            }
            return cache.get("contributor " + id, () -> reader.contributor(id, clock.instant())
                    .map(body -> new Answer(200, body.toString()))
                    .orElseGet(() -> error(404, "no contributor " + id)));
        }
        return leaderboard(query);
    }

    private Answer leaderboard(Map<String, String> query) {
        String periodText = query.getOrDefault("period", "all");
        ContributorReader.Period period;
        try {
            period = ContributorReader.Period.valueOf(periodText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return error(400, "period must be week, month or all");
        }
        int limit;
        try {
            limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : DEFAULT_LIMIT;
        } catch (NumberFormatException e) {
            return error(400, "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return error(400, "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        String cursor = query.get("cursor");
        String key = "leaderboard " + new TreeMap<>(Map.of("period", period.name(), "limit", Integer.toString(limit),
                "cursor", cursor == null ? "" : cursor));
        return cache.get(key, () -> {
            try {
                return new Answer(200, reader.leaderboard(period, limit, cursor, clock.instant()).toString());
            } catch (IllegalArgumentException e) {
                return error(400, e.getMessage());
            }
        });
    }

    private static Answer error(int status, String message) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("error", message);
        return new Answer(status, body.toString());
    }
}
