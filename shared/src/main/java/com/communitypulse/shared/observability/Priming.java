package com.communitypulse.shared.observability;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.CommunityAction;
import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming: work done once before Lambda takes a function version's snapshot, so every
 * environment restored from it starts with Jackson, the SDK clients and the logging layout already
 * loaded and compiled, instead of paying for them on its first event.
 *
 * <p>Handlers build one in their constructor and keep it in a field: CRaC holds registered
 * resources weakly, so an instance nobody references is dropped before the checkpoint.
 * <pre>{@code
 * private final Priming priming;
 *
 * public WebhookHandler(Env env) {
 *     ...clients and services...
 *     this.priming = Priming.builder("webhook")
 *             .primeJackson()
 *             .prime("dynamodb", () -> dynamo.describeEndpoints())       // any cheap, harmless call
 *             .prime("handler", () -> handleRequest(samplePing, null))    // a request that writes nothing
 *             .build()
 *             .register();
 * }
 * }</pre>
 *
 * A primer that fails is logged and skipped: priming makes starts faster, it must never stop a
 * version from being published. Primers must not write state nor publish events, and nothing
 * unique (random ids, timestamps) may be computed in them: every restored environment shares it.
 * Outside SnapStart (tests, the local runner, plain Lambda) {@link #register()} is harmless and
 * nothing runs unless the runtime takes a checkpoint.
 */
public final class Priming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

    /** A representative bus envelope holding a {@code community.action}: what most functions parse. */
    static final String SAMPLE_ENVELOPE = """
            {"version":"0","id":"00000000-0000-0000-0000-000000000000","detail-type":"community.action",
             "source":"community-pulse.normalise","account":"000000000000","time":"2026-01-05T10:00:00Z",
             "region":"us-east-1","resources":[],
             "detail":{"event":"community.action","id":"priming","actor":"github:1","actor_login":"priming",
                       "actor_kind":"user","timestamp":"2026-01-05T10:00:00Z",
                       "context":{"platform":"github","type":"pr_merged","repo":"octo-org/hello-world",
                                  "url":"https://github.com/octo-org/hello-world/pull/1","length":42,
                                  "is_first_contribution":true,"delivery_id":"priming"}}}
            """;

    /** Something to run before the snapshot (or after a restore). */
    @FunctionalInterface
    public interface Primer {
        void prime() throws Exception;
    }

    /** What one primer did at the last checkpoint or restore. */
    public record Outcome(String phase, String name, boolean succeeded, String failure) {
    }

    private record Step(String name, Primer primer) {
    }

    private final String function;
    private final List<Step> beforeCheckpoint;
    private final List<Step> afterRestore;
    private volatile List<Outcome> outcomes = List.of();

    private Priming(String function, List<Step> beforeCheckpoint, List<Step> afterRestore) {
        this.function = function;
        this.beforeCheckpoint = List.copyOf(beforeCheckpoint);
        this.afterRestore = List.copyOf(afterRestore);
    }

    public static Builder builder(String function) {
        return new Builder(function);
    }

    /** Registers with the global CRaC context and returns this, to keep in a field. */
    public Priming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        outcomes = run("beforeCheckpoint", beforeCheckpoint);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        outcomes = run("afterRestore", afterRestore);
    }

    /** What the primers of the last phase did (empty before any). */
    public List<Outcome> outcomes() {
        return outcomes;
    }

    private List<Outcome> run(String phase, List<Step> steps) {
        List<Outcome> results = new ArrayList<>();
        long started = System.nanoTime();
        for (Step step : steps) {
            try {
                step.primer().prime();
                results.add(new Outcome(phase, step.name(), true, null));
            } catch (Exception | LinkageError e) {
                // a failed primer only means a slower first event after restore
                String failure = e.getClass().getSimpleName();
                LOG.warn("{} {}: primer {} failed ({}), skipped", function, phase, step.name(), failure);
                results.add(new Outcome(phase, step.name(), false, failure));
            }
        }
        LOG.info("{} {}: {} primer(s) in {} ms", function, phase, steps.size(),
                (System.nanoTime() - started) / 1_000_000);
        return List.copyOf(results);
    }

    public static final class Builder {
        private final String function;
        private final List<Step> beforeCheckpoint = new ArrayList<>();
        private final List<Step> afterRestore = new ArrayList<>();

        private Builder(String function) {
            this.function = function;
        }

        /** Runs before the snapshot, in the order added. */
        public Builder prime(String name, Primer primer) {
            beforeCheckpoint.add(new Step(name, primer));
            return this;
        }

        /** Runs in each restored environment before its first event, e.g. to refresh a cached value. */
        public Builder afterRestore(String name, Primer primer) {
            afterRestore.add(new Step(name, primer));
            return this;
        }

        /**
         * Parses and writes a representative bus envelope and {@code community.action} with the one
         * {@link Json#mapper()}, loading Jackson's parser, generator and the records' (de)serialisers.
         */
        public Builder primeJackson() {
            return prime("jackson", Priming::roundTripSample);
        }

        public Priming build() {
            return new Priming(function, beforeCheckpoint, afterRestore);
        }
    }

    static void roundTripSample() throws Exception {
        var mapper = Json.mapper();
        Map<String, Object> envelope = mapper.readValue(SAMPLE_ENVELOPE, new TypeReference<>() { });
        CommunityAction action = mapper.convertValue(envelope.get("detail"), CommunityAction.class);
        ActionContext context = action.context().withImpactScore(0.6);
        String written = mapper.writeValueAsString(action.withContext(context));
        if (!mapper.readValue(written, CommunityAction.class).equals(action.withContext(context))) {
            throw new IllegalStateException("Jackson round trip changed the sample action");
        }
    }
}
