package com.communitypulse.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar bench/target/community-pulse-bench.jar [options]}: runs every benchmark of issue 9
 * against its floor, prints the tables and writes them, with the machine, to {@code bench/results.md}.
 *
 * <pre>
 * --only=cold,cpu,e2e,sizes,digest,cost,backfill   run some sections only (default: all)
 * --quick                            small counts, for trying the harness (figures not meaningful)
 * --cold-runs=N                      fresh JVMs per function (default 10)
 * --e2e-deliveries=N                 deliveries per concurrency level (default 1000)
 * --cost-deliveries=N                deliveries the cost model counts (default 1000)
 * --digest-actions=N                 actions in the digest's week (default 100000)
 * --digest-contributors=N            contributors in that week (default 10000)
 * --digest-history=N                 history items loaded around it (default 10x the week)
 * --digest-load-budget=S             seconds the history load may take; it stops there (default 60)
 * --backfill-issues=N                issues and PRs in the backfilled repository (default 10000)
 * --backfill-workers=N               threads normalising and scoring what the backfill publishes (default 4)
 * --backfill-step-seconds=S          where the backfill's steps are cut (default 5; deployed 240)
 * --backfill-record-budget=S         seconds the recording of its deliveries may take (default 30; 0 = all of them)
 * --profile                          JFR profiles for every section, not only missed targets
 * --results=PATH                     where to write the markdown (default bench/results.md; "-" = do not write)
 * </pre>
 */
public final class BenchMain {
    static final List<String> SECTIONS = List.of("cold", "cpu", "e2e", "sizes", "digest", "cost", "backfill");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                usage("unexpected argument " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "true" : arg.substring(eq + 1));
        }
        if (options.containsKey("help")) {
            usage(null);
        }
        boolean quick = options.containsKey("quick");
        boolean profile = options.containsKey("profile");
        Set<String> only = new LinkedHashSet<>(options.containsKey("only")
                ? List.of(options.get("only").split(",")) : SECTIONS);
        for (String s : only) {
            if (!SECTIONS.contains(s)) {
                usage("unknown section " + s + "; sections: " + SECTIONS);
            }
        }
        int coldRuns = intOption(options, "cold-runs", quick ? 2 : 10);
        int e2e = intOption(options, "e2e-deliveries", quick ? 100 : 1000);
        int costDeliveries = intOption(options, "cost-deliveries", quick ? 100 : 1000);
        int digestActions = intOption(options, "digest-actions", quick ? 5_000 : 100_000);
        int digestContributors = intOption(options, "digest-contributors", quick ? 500 : 10_000);
        int digestHistory = intOption(options, "digest-history", 10 * digestActions);
        // 60 s: the bench stays under 10 minutes on 2 cores; history is then ~2.5x the week, enough to show reads do not grow with it
        int digestBudget = intOption(options, "digest-load-budget", quick ? 20 : 60);
        int backfillIssues = intOption(options, "backfill-issues", quick ? 1_000 : 10_000);
        int backfillWorkers = intOption(options, "backfill-workers", 4);
        int backfillStep = intOption(options, "backfill-step-seconds", 5);
        int backfillBudget = intOption(options, "backfill-record-budget", quick ? 10 : 30);

        Repo repo = Repo.locate();
        Machine machine = Machine.describe();
        Path work = Files.createTempDirectory("community-pulse-bench");
        String jvmFlags = FunctionSpecs.read(repo).stream().map(s -> s.environment().get("JAVA_TOOL_OPTIONS"))
                .filter(v -> v != null && !v.isBlank()).findFirst().orElse("");
        String loadAtStart = Machine.loadAverage();
        long started = System.nanoTime();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        System.out.println("Community Pulse benchmarks on " + machine.cores() + " cores, " + machine.memory() + ", "
                + machine.cpuModel() + ", " + machine.jdk());
        System.out.println("sections: " + only + (quick ? " (quick: figures are not meaningful)" : ""));

        List<Section> sections = new ArrayList<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        for (String name : SECTIONS) {
            if (!only.contains(name)) {
                continue;
            }
            long t = System.nanoTime();
            System.out.println("== " + name);
            Section section;
            try {
                section = switch (name) {
                    case "sizes" -> new JarSizes(repo).run();
                    case "cold" -> new ColdStart(repo, coldRuns, profile, Files.createDirectories(work.resolve("cold"))).run();
                    case "cpu" -> new WarmCpu(jvmFlags, quick ? 1 : 3, quick ? 2 : 5, profile,
                            Files.createDirectories(work.resolve("cpu"))).run();
                    case "e2e" -> new Throughput(repo, e2e, profile, Files.createDirectories(work.resolve("e2e"))).run();
                    case "cost" -> new CostModel(repo, costDeliveries, Files.createDirectories(work.resolve("cost"))).run();
                    case "backfill" -> new BackfillThroughput(repo, BackfillThroughput.shape(backfillIssues), backfillWorkers,
                            java.time.Duration.ofSeconds(backfillStep), java.time.Duration.ofSeconds(backfillBudget),
                            profile, Files.createDirectories(work.resolve("backfill"))).run();
                    default -> new DigestAtScale(digestActions, digestContributors, digestHistory, 4, digestBudget).run();
                };
            } catch (Exception | LinkageError e) {
                e.printStackTrace();
                section = new Section(title(name)).line("**Failed:** `" + e + "`" + (e.getCause() == null ? ""
                        : " caused by `" + e.getCause() + "`"));
                section.target(title(name), "failed", false, e.toString());
            }
            seconds.put(name, (System.nanoTime() - t) / 1e9);
            sections.add(section);
            System.out.println();
            System.out.println(render(List.of(section)));
        }
        double total = (System.nanoTime() - started) / 1e9;

        StringBuilder md = new StringBuilder();
        md.append("# Community Pulse benchmarks\n\n");
        md.append("Written by `java -jar bench/target/community-pulse-bench.jar").append(args.length == 0 ? "" : " " + String.join(" ", args))
                .append("` (docs/performance.md) on ").append(startedAt).append(", in ")
                .append(String.format("%.0f s", total)).append(" (");
        List<String> parts = new ArrayList<>();
        seconds.forEach((k, v) -> parts.add(k + " " + String.format("%.0f s", v)));
        md.append(String.join(", ", parts)).append(").");
        if (quick) {
            md.append(" **Quick mode: counts too small for the figures to mean anything.**");
        }
        md.append("\n\n## Machine\n\n").append(machine.markdown())
                .append("| load average (1/5/15 min) | at start ").append(loadAtStart).append(", at end ")
                .append(Machine.loadAverage()).append(" |\n\n");
        md.append("Small counts and short JMH runs on a 2-core machine shared with other work: error bars are wide,"
                + " repeat a run before trusting a difference under ~20%.\n\n");
        md.append("## Targets\n\n| target | measured | met |\n|---|---|---|\n");
        for (Section section : sections) {
            for (Section.Target t : section.targets) {
                md.append("| ").append(t.name()).append(" | ").append(t.measured()).append(" | ")
                        .append(t.met() ? "met" : "**missed**" + (t.note().isEmpty() ? "" : " (" + t.note() + ")")).append(" |\n");
            }
        }
        md.append("\n").append(render(sections));
        System.out.println("== summary");
        System.out.println(md);

        String resultsOption = options.getOrDefault("results", repo.root().resolve("bench").resolve("results.md").toString());
        if (!resultsOption.equals("-")) {
            Path results = Path.of(resultsOption);
            Files.writeString(results, md.toString(), StandardCharsets.UTF_8);
            System.out.println("written to " + results);
        }
        System.exit(0);
    }

    private static String render(List<Section> sections) {
        StringBuilder out = new StringBuilder();
        for (Section section : sections) {
            out.append("## ").append(section.title).append("\n\n").append(section.body).append("\n");
        }
        return out.toString();
    }

    private static String title(String name) {
        return switch (name) {
            case "sizes" -> "4. Deployable size of each function jar";
            case "cold" -> "1. Cold start per function";
            case "cpu" -> "2. Warm CPU per delivery (JMH)";
            case "e2e" -> "3. Throughput end to end";
            case "cost" -> "6. Cost per million deliveries";
            case "backfill" -> "7. Backfill throughput";
            default -> "5. Digest at scale";
        };
    }

    private static int intOption(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            usage("--" + name + " must be a whole number, got " + value);
            return fallback;
        }
    }

    private static void usage(String problem) {
        if (problem != null) {
            System.err.println(problem);
        }
        System.err.println("usage: java -jar bench/target/community-pulse-bench.jar [--only=cold,cpu,e2e,sizes,digest,cost,backfill]"
                + " [--quick] [--cold-runs=N] [--e2e-deliveries=N] [--digest-actions=N] [--digest-contributors=N]"
                + " [--digest-history=N] [--digest-load-budget=S] [--backfill-issues=N] [--backfill-workers=N]"
                + " [--backfill-step-seconds=S] [--backfill-record-budget=S] [--profile] [--results=PATH|-]");
        System.exit(problem == null ? 0 : 2);
    }
}
