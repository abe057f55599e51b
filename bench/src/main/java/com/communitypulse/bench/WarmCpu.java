package com.communitypulse.bench;

import com.communitypulse.bench.cpu.DeliveryCpuBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Section 2: runs {@link DeliveryCpuBenchmark} with JMH (small and quick: wide error bars) and reports ratios. */
final class WarmCpu {
    static final double WEBHOOK_TARGET = 2.0;
    static final double SCORE_TARGET_MICROS = 5.0;

    private final String jvmFlags;
    private final int warmups;
    private final int iterations;
    private final boolean profileAlways;
    private final Path work;

    WarmCpu(String jvmFlags, int warmups, int iterations, boolean profileAlways, Path work) {
        this.jvmFlags = jvmFlags;
        this.warmups = warmups;
        this.iterations = iterations;
        this.profileAlways = profileAlways;
        this.work = work;
    }

    /** The median of the iterations (robust to a load spike in one of them), and JMH's mean with its 99.9% error. */
    record Score(double micros, double mean, double error) {
        static Score of(RunResult result) {
            var primary = result.getPrimaryResult();
            return new Score(primary.getStatistics().getPercentile(50), primary.getScore(), primary.getScoreError());
        }
    }

    Section run() throws Exception {
        Section section = new Section("2. Warm CPU per delivery (JMH)");
        Map<String, Score> scores = new LinkedHashMap<>();
        for (RunResult result : jmh(".*" + DeliveryCpuBenchmark.class.getSimpleName() + ".*", warmups, iterations, null, true)) {
            String name = result.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            scores.put(name, Score.of(result));
        }
        Score floor = scores.get("floorHmacAndReadTree");
        Score readTree = scores.get("floorReadTree");
        section.line("JMH 1.37, 1 fork, " + warmups + " warm-up x 1 s, " + iterations + " x 1 s per benchmark, average time,"
                + " forked JVM flags `" + jvmFlags + "` (the template's JAVA_TOOL_OPTIONS, so C1 only, as on Lambda)."
                + " The delivery: `events/github/issues.opened.json` compacted (" + deliverySize() + " bytes), signed"
                + " `X-Hub-Signature-256`. Few, short iterations on a shared 2-core machine: the error bars (99.9% CI) are wide,"
                + " so the figures and ratios use the median of the iterations, which one load spike does not move.");
        section.line("");
        section.line("| benchmark | what | µs/op, median of iterations | mean ± 99.9% CI | ratio (medians) |");
        section.line("|---|---|---:|---:|---|");
        row(section, scores, "floorHmac", "floor: HMAC-SHA256 of the body (new Mac) + constant-time compare", null, null);
        row(section, scores, "floorReadTree", "floor: bare Jackson `readTree` of the body", null, null);
        row(section, scores, "floorHmacAndReadTree", "**floor** of the webhook: both of the above", null, null);
        row(section, scores, "webhookVerifyAndParse", "webhook: `GitHubWebhook.verify` + `interpret` (its own classes)", floor, "floor");
        row(section, scores, "webhookVerifyParseAndProject", "webhook: the above + `DetailProjection.fit` (the bus detail JSON)", floor, "floor");
        row(section, scores, "normalise", "normalise: `Normaliser.normalise` + `ActionJson.write`", readTree, "readTree");
        row(section, scores, "scoreLogic", "score: `Scorer` isBot + impact + isHighImpact + tierEvidence (pure)", null, null);
        row(section, scores, "scorePlan", "score: `ActionPlanner.score` (the whole pure plan: items, events)", null, null);

        // the same with the JVM's default flags (C2 JIT): what the template's TieredStopAtLevel=1 costs once warm
        Map<String, Score> c2 = new LinkedHashMap<>();
        for (RunResult result : jmh(".*" + DeliveryCpuBenchmark.class.getSimpleName()
                + "\\.(floorHmacAndReadTree|webhookVerifyAndParse|normalise|scoreLogic)$", warmups, iterations, null, false)) {
            String name = result.getParams().getBenchmark();
            c2.put(name.substring(name.lastIndexOf('.') + 1), Score.of(result));
        }
        section.line("");
        section.line("The same with the JVM's default flags (C2 JIT, no `TieredStopAtLevel`):");
        section.line("");
        section.line("| benchmark | µs/op with C1 only (template), median | µs/op with C2 (default flags), median | C1/C2 |");
        section.line("|---|---:|---:|---:|");
        c2.forEach((name, score) -> {
            Score c1 = scores.get(name);
            section.line(String.format("| `%s` | %.3f | %.3f | %s |", name, c1 == null ? Double.NaN : c1.micros(),
                    score.micros(), c1 == null ? "-" : Section.ratio(c1.micros() / score.micros())));
        });
        Score c2Floor = c2.get("floorHmacAndReadTree");
        Score c2Webhook = c2.get("webhookVerifyAndParse");
        if (c2Floor != null && c2Webhook != null) {
            section.line("");
            section.line(String.format("With C2 the webhook path is %s of its floor.", Section.ratio(c2Webhook.micros() / c2Floor.micros())));
        }

        Score webhook = scores.get("webhookVerifyAndParse");
        Score score = scores.get("scoreLogic");
        boolean webhookMet = webhook != null && floor != null && webhook.micros() / floor.micros() <= WEBHOOK_TARGET;
        section.target("warm verification+parse within " + WEBHOOK_TARGET + "x of bare HMAC + Jackson",
                webhook == null || floor == null ? "not measured" : Section.ratio(webhook.micros() / floor.micros())
                        + String.format(" (%.1f vs %.1f µs)", webhook.micros(), floor.micros()), webhookMet, "");
        boolean scoreMet = score != null && score.micros() < SCORE_TARGET_MICROS;
        section.target("scoring logic under 5 µs", score == null ? "not measured" : String.format("%.3f µs", score.micros()),
                scoreMet, "");

        List<String> toProfile = new ArrayList<>();
        if (profileAlways || !webhookMet) {
            toProfile.add("webhookVerifyAndParse");
        }
        if (profileAlways || !scoreMet) {
            toProfile.add("scoreLogic");
        }
        for (String benchmark : toProfile) {
            Path jfr = work.resolve(benchmark + ".jfr");
            jmh(".*" + DeliveryCpuBenchmark.class.getSimpleName() + "\\." + benchmark + "$", 1, 3,
                    "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr, true);
            section.line("");
            section.line("### Profile of `" + benchmark + "` (JFR, JMH worker thread)");
            section.line("");
            section.line(Files.exists(jfr) ? JfrSummary.summarize(jfr, 12, "jmh-worker") : "(no recording written)");
        }
        return section;
    }

    private Collection<RunResult> jmh(String include, int warmup, int measure, String extraJvmArg, boolean templateFlags)
            throws Exception {
        List<String> args = new ArrayList<>(templateFlags ? List.of(jvmFlags.trim().split("\\s+")) : List.of());
        args.removeIf(String::isBlank);
        if (extraJvmArg != null) {
            args.add(extraJvmArg);
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(warmup)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(measure)
                .measurementTime(TimeValue.seconds(1))
                .threads(1)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.NORMAL)
                .jvmArgsAppend(args.toArray(String[]::new));
        return new Runner(options.build()).run();
    }

    private static void row(Section section, Map<String, Score> scores, String name, String what, Score base, String baseName) {
        Score s = scores.get(name);
        if (s == null) {
            section.line("| `" + name + "` | " + what + " | - | - | not run |");
            return;
        }
        String ratio = base == null ? "" : Section.ratio(s.micros() / base.micros()) + " of " + baseName;
        section.line(String.format("| `%s` | %s | %.3f | %.3f ± %.3f | %s |", name, what, s.micros(), s.mean(), s.error(), ratio));
    }

    private static int deliverySize() {
        try {
            Repo repo = Repo.locate();
            return Samples.github(repo, Samples.DELIVERY_FILE).length;
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
