package com.communitypulse.digest;

import com.communitypulse.digest.domain.DigestMime;
import com.communitypulse.digest.platform.SesDigestMailer;
import com.communitypulse.digest.store.DynamoDbDigestLedgerStore;
import com.communitypulse.shared.figures.DigestStore;
import com.communitypulse.shared.figures.ResponseDebt;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.communitypulse.shared.aws.AwsClients;
import com.communitypulse.shared.config.Env;
import com.communitypulse.shared.scoring.ScoringConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The weekly schedule's target. Input: the EventBridge scheduled-event envelope; {@code time} is the
 * trigger time and {@code detail} may hold {@code {"week": "2026-W47", "force": true}} for manual runs.
 * Sends the digest of the ISO week just ended, once per week unless forced.
 */
public class DigestHandler implements RequestHandler<Map<String, Object>, Void> {
    private final DigestService service;
    private final DigestMetrics metrics;

    public DigestHandler() {
        this(Env.system());
    }

    public DigestHandler(Env env) {
        this(service(env,
                        AwsClients.configure(DynamoDbClient.builder(), env, "DYNAMODB").build(),
                        AwsClients.configure(SesV2Client.builder(), env, "SESV2").build(),
                        Clock.systemUTC()),
                PowertoolsDigestMetrics.from(env));
    }

    public DigestHandler(DigestService service, DigestMetrics metrics) {
        this.service = service;
        this.metrics = metrics;
    }

    /**
     * Wires the service from the function's environment ({@code TABLE_NAME}, {@code DIGEST_SENDER},
     * {@code DIGEST_RECIPIENTS}, optional {@code RESPONSE_TARGET_HOURS}, default 24, and {@code SCORING_CONFIG},
     * the score function's, for its high-impact threshold).
     */
    public static DigestService service(Env env, DynamoDbClient dynamo, SesV2Client ses, Clock clock) {
        String table = env.require("TABLE_NAME");
        var sender = DigestMime.address(env.require("DIGEST_SENDER"), "DIGEST_SENDER");
        List<String> to = Arrays.stream(env.require("DIGEST_RECIPIENTS").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        var recipients = to.stream().map(r -> DigestMime.address(r, "DIGEST_RECIPIENTS entry")).toList();
        return new DigestService(new DigestStore(dynamo, table), new DynamoDbDigestLedgerStore(dynamo, table),
                new SesDigestMailer(ses), sender, recipients, clock, responseTarget(env),
                ScoringConfig.parse(env.get("SCORING_CONFIG", "")).highImpactThreshold());
    }

    /**
     * {@code RESPONSE_TARGET_HOURS}: whole hours from 1 to 672 (the response debt looks back 28 days, so a
     * longer target could never list anything); unset or blank means 24.
     */
    static Duration responseTarget(Env env) {
        String raw = env.get("RESPONSE_TARGET_HOURS").map(String::trim).orElse("");
        if (raw.isEmpty()) {
            return ResponseDebt.DEFAULT_TARGET;
        }
        long hours;
        try {
            hours = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("RESPONSE_TARGET_HOURS must be a whole number of hours (1 to 672), got: " + raw, e);
        }
        if (hours < 1 || hours > ResponseDebt.LOOKBACK.toHours()) {
            throw new IllegalArgumentException("RESPONSE_TARGET_HOURS must be from 1 to 672 hours, got: " + hours);
        }
        return Duration.ofHours(hours);
    }

    @Override
    public Void handleRequest(Map<String, Object> event, Context context) {
        if (context != null) { // the Lambda context on every log line (function_*, service, cold_start); tests may pass none
            PowertoolsLogging.initializeLogging(context);
        }
        var request = request(event);
        if (context != null) {
            // the claim on the week lasts as long as this invocation can
            request = new DigestService.Request(request.time(), request.week(), request.force(),
                    Duration.ofMillis(context.getRemainingTimeInMillis()));
        }
        var result = service.run(request);
        switch (result.status()) {
            case SENT -> metrics.sent(result.week());
            case SKIPPED_ALREADY_SENT -> metrics.skipped(result.week(), result.status().name());
        }
        return null;
    }

    /**
     * Reads the envelope. A missing {@code time} means now; a malformed one, a non-object {@code detail},
     * or a bad {@code week} or {@code force} is an {@link IllegalArgumentException} naming the field.
     */
    static DigestService.Request request(Map<String, Object> event) {
        if (event == null) {
            throw new IllegalArgumentException("no input: expected the scheduled-event envelope");
        }
        Instant time;
        Object rawTime = event.get("time");
        if (rawTime == null) {
            time = Instant.now();
        } else {
            try {
                time = Instant.parse(rawTime.toString());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("time must be an ISO-8601 instant such as 2026-11-23T09:00:00Z, got: " + rawTime, e);
            }
        }
        Object detail = event.get("detail");
        if (detail != null && !(detail instanceof Map)) {
            throw new IllegalArgumentException("detail must be a JSON object, got: " + detail.getClass().getSimpleName());
        }
        Map<?, ?> d = detail == null ? Map.of() : (Map<?, ?>) detail;
        Object week = d.get("week");
        if (week != null && !(week instanceof String)) {
            throw new IllegalArgumentException("detail.week must be a string such as \"2026-W47\"");
        }
        Object force = d.get("force");
        if (force != null && !(force instanceof Boolean)) {
            throw new IllegalArgumentException("detail.force must be true or false");
        }
        return new DigestService.Request(time, Optional.ofNullable((String) week), Boolean.TRUE.equals(force));
    }
}
