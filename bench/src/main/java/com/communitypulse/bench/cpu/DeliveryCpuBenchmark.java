package com.communitypulse.bench.cpu;

import com.communitypulse.normalise.domain.ActionJson;
import com.communitypulse.normalise.domain.Normaliser;
import com.communitypulse.normalise.domain.NormaliserConfig;
import com.communitypulse.normalise.domain.Outcome;
import com.communitypulse.score.domain.ActionPlanner;
import com.communitypulse.score.domain.Plan;
import com.communitypulse.score.domain.Profile;
import com.communitypulse.score.domain.Scorer;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.model.RawDelivery;
import com.communitypulse.webhook.domain.DetailProjection;
import com.communitypulse.webhook.domain.WebhookRequest;
import com.communitypulse.webhook.platform.GitHubWebhook;
import com.communitypulse.webhook.platform.Interpretation;
import com.communitypulse.webhook.platform.Rejected;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Section 2: warm CPU per delivery, through the functions' own public classes, against floors of
 * the same bytes. The delivery is {@code events/github/issues.opened.json} re-serialised compactly
 * (about 11 KB), signed as GitHub signs it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DeliveryCpuBenchmark {
    static final String SECRET = "bench-github-secret";

    private byte[] body;
    private byte[] expectedMac;
    private WebhookRequest request;
    private GitHubWebhook github;
    private DetailProjection projection;
    private final ObjectMapper bareMapper = new ObjectMapper();
    private Instant now;
    private RawDelivery raw;
    private Normaliser normaliser;
    private CommunityAction action;
    private Scorer scorer;
    private ActionPlanner planner;
    private Instant actionTime;
    private Profile person;

    @Setup
    public void setUp() throws Exception {
        body = Json.mapper().writeValueAsBytes(Json.mapper().readTree(locate("events/github/issues.opened.json")));
        expectedMac = hmac(SECRET, body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-GitHub-Event", "issues");
        headers.put("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958");
        headers.put("X-GitHub-Hook-ID", "424242");
        headers.put("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(expectedMac));
        request = new WebhookRequest("github", headers, new String(body, StandardCharsets.UTF_8), false, "bench");
        github = new GitHubWebhook();
        projection = new DetailProjection();
        now = Instant.now();
        Interpretation.Delivery delivery = (Interpretation.Delivery) webhookVerifyAndParse();
        raw = new RawDelivery("github", delivery.event(), delivery.deliveryId(), now.toString(), delivery.headers(),
                delivery.payload(), null);
        normaliser = new Normaliser(NormaliserConfig.defaults());
        Outcome outcome = normaliser.normalise(raw);
        if (outcome.status() != Outcome.Status.MAPPED) {
            throw new IllegalStateException("the sample delivery did not normalise: " + outcome.reason());
        }
        action = outcome.communityActions().get(0);
        scorer = new Scorer(ScoringConfig.defaults());
        planner = new ActionPlanner(scorer, Duration.ofDays(400));
        actionTime = java.time.OffsetDateTime.parse(action.timestamp()).toInstant();
        person = Profile.absent(action.actor());
    }

    /** Floor part 1: HMAC-SHA256 of the body and a constant-time compare, with a fresh Mac as any stateless verifier needs. */
    @Benchmark
    public boolean floorHmac() throws GeneralSecurityException {
        return MessageDigest.isEqual(hmac(SECRET, body), expectedMac);
    }

    /** Floor part 2: a bare Jackson {@code readTree} of the same bytes. */
    @Benchmark
    public JsonNode floorReadTree() throws IOException {
        return bareMapper.readTree(body);
    }

    /** The floor of the webhook: bare HMAC + bare readTree. */
    @Benchmark
    public JsonNode floorHmacAndReadTree() throws GeneralSecurityException, IOException {
        if (!MessageDigest.isEqual(hmac(SECRET, body), expectedMac)) {
            throw new IllegalStateException("signature");
        }
        return bareMapper.readTree(body);
    }

    /** The webhook function's own verifier and parse path: {@code GitHubWebhook.verify} + {@code interpret}. */
    @Benchmark
    public Interpretation webhookVerifyAndParse() throws Rejected {
        github.verify(request, body, List.of(SECRET), now);
        return github.interpret(request, body, now);
    }

    /** The above and the bus detail the webhook publishes ({@code DetailProjection.fit}, i.e. serialising it). */
    @Benchmark
    public String webhookVerifyParseAndProject() throws Rejected {
        github.verify(request, body, List.of(SECRET), now);
        Interpretation.Delivery delivery = (Interpretation.Delivery) github.interpret(request, body, now);
        return projection.fit(new RawDelivery("github", delivery.event(), delivery.deliveryId(), now.toString(),
                delivery.headers(), delivery.payload(), null)).orElseThrow();
    }

    /** Normalisation of that delivery: {@code Normaliser.normalise} and the action JSON it publishes. */
    @Benchmark
    public String normalise() {
        Outcome outcome = normaliser.normalise(raw);
        return ActionJson.write(outcome.communityActions().get(0));
    }

    /** The pure scorer on that delivery's action: bot check, impact, high-impact check, tier evidence. */
    @Benchmark
    public Object scoreLogic() {
        boolean bot = scorer.isBot(action);
        var impact = scorer.impact(action);
        boolean high = scorer.isHighImpact(impact);
        Scorer.TierEvidence tier = scorer.tierEvidence(action);
        return bot || high ? tier : impact;
    }

    /** The whole pure planning step of the score function (items, events, JSON of events), no I/O. */
    @Benchmark
    public Plan scorePlan() {
        return planner.score(action, actionTime, person, person);
    }

    static byte[] hmac(String secret, byte[] message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(message);
    }

    private static byte[] locate(String relative) throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return Files.readAllBytes(candidate);
            }
        }
        throw new IllegalStateException(relative + " not found from " + Path.of("").toAbsolutePath());
    }
}
