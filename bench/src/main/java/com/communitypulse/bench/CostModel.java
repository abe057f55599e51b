package com.communitypulse.bench;

import com.communitypulse.devkit.CfnTemplate;
import com.communitypulse.local.FunctionUsage;
import com.communitypulse.local.LocalSystem;
import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Section 6: US dollars per million deliveries at list prices, from what one delivery was counted
 * to cost here: DynamoDB calls and capacity units on the wire ({@link DynamoWire}), EventBridge
 * entries on the bus, Lambda invocations and handler time per function (the runner's usage), log
 * bytes written; priced at the template's memory and architecture with the prices in
 * {@code aws-prices-us-east-1.properties}. Plus what a deployed stack costs a month with no traffic.
 */
final class CostModel {
    static final double TARGET_PER_MILLION = 6.0;
    static final double TARGET_IDLE_PER_MONTH = 5.0;
    /** Lambda's START, END and REPORT lines per invocation (REPORT with its X-Ray segment), as CloudWatch ingests them. */
    static final int PLATFORM_LOG_BYTES_PER_INVOCATION = 330;
    /** Deliveries a month at which X-Ray's default sampling (1 a second, then 5%) is priced. */
    static final double MONTHLY_DELIVERIES = 1_000_000;
    /** The template parameter naming one JSON secret for every platform's webhook secret (docs/deploy.md). */
    static final String ONE_WEBHOOK_SECRET = "WebhookSecretsSecretName";

    private final Repo repo;
    private final int count;
    private final Path work;

    CostModel(Repo repo, int count, Path work) {
        this.repo = repo;
        this.count = count;
        this.work = work;
    }

    record Measured(int deliveries, Map<String, DynamoWire.Tally> dynamo, long events, long actions,
                    Map<String, FunctionUsage> usage, long logBytes, Set<String> metrics) {
    }

    Section run() throws Exception {
        Section section = new Section("6. Cost per million deliveries");
        Properties prices = prices();
        Stack stack = Stack.read(CfnTemplate.load(repo.template()));
        Measured m = measure(Map.of(), "");
        double n = m.deliveries();

        List<String[]> rows = new ArrayList<>();
        double perDelivery = 0;
        double api = prices(prices, stack.httpApi() ? "apigateway.http.per_million_requests" : "apigateway.rest.per_million_requests") / 1e6;
        perDelivery += row(rows, "API Gateway " + (stack.httpApi() ? "HTTP API" : "REST API") + " requests", "1 request", api);

        long invocations = m.usage().values().stream().mapToLong(FunctionUsage::invocations).sum();
        perDelivery += row(rows, "Lambda requests", String.format("%.2f invocations", invocations / n),
                invocations / n * prices(prices, "lambda.per_million_requests") / 1e6);
        double lambdaCompute = 0;
        StringBuilder gbs = new StringBuilder();
        for (Map.Entry<String, FunctionUsage> f : m.usage().entrySet()) {
            if (f.getValue().invocations() == 0) {
                continue;
            }
            int memory = stack.memoryMb(f.getKey());
            // billed per started millisecond: half a millisecond per invocation on average
            double seconds = (f.getValue().handlerNanos() / 1e9 + 0.0005 * f.getValue().invocations()) / n;
            lambdaCompute += seconds * memory / 1024.0 * prices(prices, "lambda.per_gb_second." + stack.architecture(f.getKey()));
            gbs.append(String.format("%s %.1f ms at %d MB; ", f.getKey().replace("Function", ""), seconds * 1000, memory));
        }
        perDelivery += row(rows, "Lambda compute (" + stack.architecture("WebhookFunction") + ")",
                gbs.toString().replaceAll("; $", ""), lambdaCompute);
        perDelivery += row(rows, "EventBridge custom events", String.format("%.2f entries", m.events() / n),
                m.events() / n * prices(prices, "eventbridge.per_million_custom_events") / 1e6);

        double writeUnits = 0;
        double readUnits = 0;
        StringBuilder writeCalls = new StringBuilder();
        StringBuilder readCalls = new StringBuilder();
        for (Map.Entry<String, DynamoWire.Tally> op : m.dynamo().entrySet()) {
            DynamoWire.Tally t = op.getValue();
            // DynamoDB Local charges a transaction like plain writes; DynamoDB charges it twice
            double charged = op.getKey().startsWith("Transact") ? 2 * t.capacityUnits() : t.capacityUnits();
            if (op.getKey().equals("BatchGetItem") && charged == 0) {
                charged = 0.5 * t.items(); // Local reports none: an eventually consistent read of up to 4 KB each
            }
            String call = String.format("%s %.2f calls of %.1f items, %.1f units; ", op.getKey(), t.calls() / n,
                    t.items() / (double) t.calls(), charged / n);
            if (DynamoWire.isWrite(op.getKey())) {
                writeUnits += charged / n;
                writeCalls.append(call);
            } else {
                readUnits += charged / n;
                readCalls.append(call);
            }
        }
        perDelivery += row(rows, "DynamoDB writes (on demand)", String.format("%.1f write units: %s", writeUnits,
                writeCalls.toString().replaceAll("; $", "")), writeUnits * prices(prices, "dynamodb.per_million_write_units") / 1e6);
        perDelivery += row(rows, "DynamoDB reads (on demand)", String.format("%.1f read units: %s", readUnits,
                readCalls.toString().replaceAll("; $", "")),
                readUnits * prices(prices, "dynamodb.per_million_read_units") / 1e6);
        double logBytes = m.logBytes() / n + PLATFORM_LOG_BYTES_PER_INVOCATION * invocations / n;
        perDelivery += row(rows, "CloudWatch Logs ingested", String.format("%.0f bytes (%.0f from the functions' log and EMF lines, the rest Lambda's own)",
                logBytes, m.logBytes() / n), logBytes / 1e9 * prices(prices, "logs.per_gb_ingested"));
        if (stack.warehouse()) {
            // Firehose bills each record as at least 5 KB: an action's ~1 KB of JSON costs five
            double kb = Math.max(prices(prices, "firehose.record_minimum_kb"), 1.0);
            perDelivery += row(rows, "Kinesis Data Firehose (the warehouse)", String.format("%.2f records (community.action),"
                    + " each billed as %.0f KB", m.actions() / n, kb), m.actions() / n * kb / (1024.0 * 1024.0)
                    * prices(prices, "firehose.per_gb_ingested"));
        }
        double[] rule = stack.traceRule() == null ? new double[] {1, 0.05} : stack.traceRule();
        double sampled = stack.tracing() ? sampledShare(MONTHLY_DELIVERIES, rule[0], rule[1]) : 0;
        perDelivery += row(rows, "X-Ray traces recorded", stack.tracing()
                ? String.format("%.1f%% sampled at %,.0f deliveries a month (%s: %.0f a second, then %.0f%%)",
                sampled * 100, MONTHLY_DELIVERIES, stack.traceRule() == null ? "X-Ray's default rule" : "the API's rule, TraceSampleRate",
                rule[0], rule[1] * 100) : "tracing off",
                sampled * prices(prices, "xray.per_million_traces_recorded") / 1e6);

        section.line(String.format("%d signed GitHub deliveries, one at a time, in a typical mix (40%% issue comments, 25%% issues"
                + " opened, 15%% pull requests opened, 10%% merged, 10%% stars) from %d people, so %.0f%% are someone's first"
                + " (welcomed); through the local runner hosting the function jars, with every DynamoDB call counted on the"
                + " wire. Prices: `bench/src/main/resources/aws-prices-us-east-1.properties` (us-east-1 list prices, read %s,"
                + " free tiers left out).", m.deliveries(), people(m.deliveries()), 100.0 * people(m.deliveries()) / m.deliveries(),
                prices.getProperty("as_of")));
        section.line("");
        section.line("| item | per delivery | USD per million deliveries |");
        section.line("|---|---|---:|");
        rows.forEach(r -> section.line("| " + r[0] + " | " + r[1] + " | " + r[2] + " |"));
        section.line(String.format("| **total** | | **%.2f** |", perDelivery * 1e6));
        section.line("");
        section.line("Handler time is this machine's (loopback calls, a faster core than a 1024 MB Lambda's share of one);"
                + " on Lambda it is longer, and the compute line grows with it, roughly in proportion.");
        section.target("at most $" + TARGET_PER_MILLION + " per million deliveries", String.format("$%.2f", perDelivery * 1e6),
                perDelivery * 1e6 <= TARGET_PER_MILLION, "");

        // idle: what is billed by the month, traffic or not
        double alarms = stack.alarms() * prices(prices, "cloudwatch.per_alarm_month");
        double secrets = stack.secrets().size() * prices(prices, "secretsmanager.per_secret_month");
        double table = 1.0 * (prices(prices, "dynamodb.storage.per_gb_month") + (stack.pitr() ? prices(prices, "dynamodb.pitr.per_gb_month") : 0));
        double idle = alarms + secrets + table;
        section.line("");
        section.line("A deployed stack with no traffic, per month:");
        section.line("");
        section.line("| item | count | USD per month |");
        section.line("|---|---|---:|");
        section.line(String.format("| CloudWatch alarms | %d | %.2f |", stack.alarms(), alarms));
        boolean oneWebhookSecret = stack.secrets().contains(ONE_WEBHOOK_SECRET);
        section.line(String.format("| Secrets Manager secrets%s (%s) | %d | %.2f |",
                oneWebhookSecret ? ", the webhook's in one" : "", String.join(", ", stack.secrets()), stack.secrets().size(), secrets));
        section.line(String.format("| DynamoDB storage%s, for 1 GB of history | 1 GB | %.2f |", stack.pitr() ? " and point-in-time recovery" : "", table));
        section.line("| Lambda, EventBridge, API Gateway, SQS, SNS, log groups | billed per use | 0.00 |");
        section.line(String.format("| **total** | | **%.2f** |", idle));
        section.line("");
        if (oneWebhookSecret) {
            double perPlatform = stack.perPlatformSecrets().size() * prices(prices, "secretsmanager.per_secret_month");
            section.line(String.format("Priced with the webhook's secrets in one JSON secret (`%s` set, docs/deploy.md). Left empty"
                    + " (the template's default), one secret per platform: %d secrets (%s), $%.2f, and $%.2f a month in all.",
                    ONE_WEBHOOK_SECRET, stack.perPlatformSecrets().size(), String.join(", ", stack.perPlatformSecrets()),
                    perPlatform, idle - secrets + perPlatform));
            section.line("");
        }
        section.line(String.format("While traffic flows every hour, the functions also publish %d distinct custom metrics (EMF:"
                + " namespace, dimensions and name), billed $%.2f a month each: $%.2f a month, whatever the volume. Scheduled runs"
                + " (digest, tier review) publish theirs for an hour or so a month, a few cents.", m.metrics().size(),
                prices(prices, "cloudwatch.per_metric_month"), m.metrics().size() * prices(prices, "cloudwatch.per_metric_month")));
        double perPlatformIdle = idle - secrets + stack.perPlatformSecrets().size() * prices(prices, "secretsmanager.per_secret_month");
        section.target("under $" + TARGET_IDLE_PER_MONTH + " a month idle", String.format("$%.2f", idle) + (oneWebhookSecret
                ? String.format(" (one webhook secret; $%.2f with one per platform)", perPlatformIdle) : ""), idle < TARGET_IDLE_PER_MONTH, "");
        levers(section, prices, stack, m, oneWebhookSecret ? (stack.perPlatformSecrets().size() - stack.secrets().size())
                * prices(prices, "secretsmanager.per_secret_month") : 0);
        return section;
    }

    /**
     * What each lever is worth: measured where this run can measure it (the log level: the same mix again at INFO),
     * computed from this run's counts and the price list where it would change the system.
     */
    private void levers(Section section, Properties prices, Stack stack, Measured m, double secretsSaved) throws Exception {
        double n = m.deliveries();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"One JSON secret for the five webhook secrets (`" + ONE_WEBHOOK_SECRET + "`)",
                String.format("%d -> %d secrets: -$%.2f a month idle (and one GetSecretValue instead of five per instance"
                        + " every 5 minutes)", stack.perPlatformSecrets().size(), stack.secrets().size(), secretsSaved),
                "taken (a parameter, empty by default; the idle table prices it)"});
        if (!"INFO".equals(stack.logLevel())) {
            Measured info = measure(Map.of("POWERTOOLS_LOG_LEVEL", "INFO"), "-info");
            double logsPrice = prices(prices, "logs.per_gb_ingested") / 1e9 * 1e6;
            double saved = (info.logBytes() / (double) info.deliveries() - m.logBytes() / n) * logsPrice;
            rows.add(new String[] {"`LogLevel` " + stack.logLevel() + " instead of INFO",
                    String.format("measured, the same mix at INFO: %.0f -> %.0f bytes of the functions' lines per delivery,"
                            + " -$%.2f per million; custom metrics (EMF, not log lines) %d at INFO, %d here",
                            info.logBytes() / (double) info.deliveries(), m.logBytes() / n, saved, info.metrics().size(),
                            m.metrics().size()),
                    "taken (the template's default)"});
        }
        double rest = prices(prices, "apigateway.rest.per_million_requests");
        double http = prices(prices, "apigateway.http.per_million_requests");
        rows.add(new String[] {"An HTTP API (or a function URL) for the webhook routes instead of the REST API",
                String.format("computed: $%.2f -> $%.2f per million, -$%.2f (a function URL: -$%.2f)", rest, http, rest - http, rest),
                "not taken: the read API keeps the REST API for its API key, LocalStack's free edition has no HTTP APIs,"
                        + " and a function URL has no stage throttling"});
        DynamoWire.Tally transaction = m.dynamo().get("TransactWriteItems");
        if (transaction != null && transaction.calls() > 0) {
            double units = 2 * transaction.capacityUnits() / n;
            // a transaction bills each item twice, one unit per started KB: 3 items of at most 1 KB = 6 units a call
            double smaller = transaction.calls() / n * 3 * 2;
            rows.add(new String[] {"Fewer, smaller items in the score transaction",
                    String.format("computed: today %.1f items a call, %.1f write units each (%.1f units a delivery); 3 items of at"
                                    + " most 1 KB would be %.1f units, -$%.2f per million", transaction.items() / (double) transaction.calls(),
                            2 * transaction.capacityUnits() / (double) transaction.items(), units, smaller,
                            (units - smaller) * prices(prices, "dynamodb.per_million_write_units")),
                    "not taken: the profile, week and month items would be reshaped (docs/design.md)"});
        }
        double entries = m.events() / n;
        rows.add(new String[] {"Fewer EventBridge entries: the normaliser inside the webhook",
                String.format("computed: %.2f -> %.2f entries and one invocation fewer per delivery, -$%.2f per million",
                        entries, entries - 1, prices(prices, "eventbridge.per_million_custom_events")
                                + prices(prices, "lambda.per_million_requests")),
                "not taken: one function would verify, de-duplicate and normalise (one failure domain)"});
        section.line("");
        section.line("Levers, each with its effect:");
        section.line("");
        section.line("| lever | effect | taken |");
        section.line("|---|---|---|");
        rows.forEach(r -> section.line("| " + r[0] + " | " + r[1] + " | " + r[2] + " |"));
    }

    /** A sampling rule: the first {@code reservoir} requests each second, then {@code rate} of the rest. */
    static double sampledShare(double monthlyDeliveries, double reservoir, double rate) {
        double perSecond = monthlyDeliveries / (30 * 86_400.0);
        return perSecond <= reservoir ? 1 : (reservoir + rate * (perSecond - reservoir)) / perSecond;
    }

    private static double row(List<String[]> rows, String item, String perDelivery, double dollars) {
        rows.add(new String[] {item, perDelivery, String.format("%.2f", dollars * 1e6)});
        return dollars;
    }

    private static double prices(Properties prices, String key) {
        String value = prices.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("aws-prices-us-east-1.properties has no " + key);
        }
        return Double.parseDouble(value);
    }

    static Properties prices() {
        Properties prices = new Properties();
        try (InputStream in = CostModel.class.getResourceAsStream("/aws-prices-us-east-1.properties")) {
            prices.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return prices;
    }

    private static int people(int deliveries) {
        return Math.max(1, deliveries / 20);
    }

    /** One run of the mix; {@code environment} overrides the functions' template environment, as {@code sam local --env-vars}. */
    private Measured measure(Map<String, String> environment, String label) throws Exception {
        Path systemLog = work.resolve("cost-system" + label + ".log");
        PrintStream console = System.out;
        System.setOut(new PrintStream(Files.newOutputStream(systemLog), true, StandardCharsets.UTF_8));
        Throughput.reattachConsoleLogging();
        try (DynamoWire wire = new DynamoWire();
             LocalSystem system = LocalSystem.start(LocalSystem.Options.defaults().withPort(0)
                     .withOutbox(Files.createDirectories(work.resolve("cost-outbox" + label))).withEnvironment(environment)
                     .withoutScheduleTimer().withDynamoRoute(wire::route))) {
            DeliveryMix mix = new DeliveryMix(repo, system.url(), system.secrets().get("GITHUB_WEBHOOK_SECRET"));
            console.println("  cost" + label + ": warm-up, " + Math.min(100, count) + " deliveries by other people");
            mix.send(Math.min(100, count), 9_000_000, people(count));
            system.awaitIdle(120_000);
            Map<String, DynamoWire.Tally> dynamoBefore = wire.tallies();
            Map<String, FunctionUsage> usageBefore = system.usage();
            long eventsBefore = system.publishedEvents().size();
            long actionsBefore = actions(system);
            System.out.flush();
            long logBefore = Files.size(systemLog);
            console.println("  cost" + label + ": " + count + " deliveries, one at a time");
            mix.send(count, 8_000_000, people(count));
            system.awaitIdle(300_000);
            System.out.flush();
            String written = tail(systemLog, logBefore);
            Map<String, FunctionUsage> usage = new LinkedHashMap<>();
            system.usage().forEach((id, u) -> usage.put(id, u.minus(usageBefore.get(id))));
            return new Measured(count, DynamoWire.minus(wire.tallies(), dynamoBefore),
                    system.publishedEvents().size() - eventsBefore, actions(system) - actionsBefore, usage,
                    lambdaLogBytes(written), metrics(written));
        } finally {
            System.out.flush();
            System.setOut(console);
            Throughput.reattachConsoleLogging();
        }
    }

    /** The community.action events put on the bus so far: what the warehouse's rule hands to Firehose. */
    private static long actions(LocalSystem system) {
        return system.publishedEvents().stream().filter(e -> "community.action".equals(e.path("detail-type").asText())).count();
    }

    /**
     * Bytes of the lines written that Lambda would also write. Left out: the EMF
     * library's "Unknown name"/"Unknown type" lines, which it writes only outside Lambda (it finds
     * AWS_LAMBDA_FUNCTION_NAME in the process environment there, not in the runner's per-function one).
     */
    static long lambdaLogBytes(String written) {
        long bytes = 0;
        for (String line : written.split("\n")) {
            if (!line.contains("\"message\":\"Unknown name\"") && !line.contains("\"message\":\"Unknown type\"")) {
                bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
            }
        }
        return bytes;
    }

    private static String tail(Path log, long from) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        return new String(bytes, (int) from, bytes.length - (int) from, StandardCharsets.UTF_8);
    }

    /** Distinct custom metrics in the EMF lines written: namespace, dimension values and name. */
    private static Set<String> metrics(String written) {
        Set<String> metrics = new TreeSet<>();
        for (String line : written.split("\n")) {
            int start = line.indexOf("{\"_aws\"");
            if (start < 0) {
                continue;
            }
            JsonNode emf;
            try {
                emf = Json.mapper().readTree(line.substring(start));
            } catch (IOException notJson) {
                continue;
            }
            for (JsonNode directive : emf.path("_aws").path("CloudWatchMetrics")) {
                for (JsonNode dimensionSet : directive.path("Dimensions")) {
                    StringBuilder dims = new StringBuilder();
                    dimensionSet.forEach(d -> dims.append(d.asText()).append('=').append(emf.path(d.asText()).asText()).append(','));
                    directive.path("Metrics").forEach(metric -> metrics.add(directive.path("Namespace").asText() + "|"
                            + dims + "|" + metric.path("Name").asText()));
                }
            }
        }
        return metrics;
    }

    /** What the template bills by: memory and architecture per function, tracing, front door, alarms, secrets, PITR. */
    /**
     * @param traceRule the API's own X-Ray sampling rule ({@code AWS::XRay::SamplingRule} of an API Gateway stage):
     *                  reservoir per second and fixed rate, at their parameters' defaults; null = X-Ray's default rule
     */
    /**
     * @param secrets            the secrets priced: the webhook's in one JSON secret ({@link #ONE_WEBHOOK_SECRET}) when
     *                           the template offers it, else one per platform
     * @param perPlatformSecrets the secrets with one per platform's webhook secret (that parameter left empty)
     * @param logLevel           the default of the template's LogLevel parameter, the functions' log level
     */
    record Stack(Map<String, Integer> memory, Map<String, String> arch, boolean tracing, boolean httpApi, int alarms,
                 Set<String> secrets, Set<String> perPlatformSecrets, boolean pitr, double[] traceRule, boolean warehouse,
                 String logLevel) {
        @SuppressWarnings("unchecked")
        static Stack read(CfnTemplate template) {
            Map<String, Object> globals = template.globalsFunction();
            Map<String, Integer> memory = new LinkedHashMap<>();
            Map<String, String> arch = new LinkedHashMap<>();
            boolean[] tracing = {"Active".equals(globals.get("Tracing"))};
            template.resourcesOfType("AWS::Serverless::Function").forEach((id, resource) -> {
                Map<String, Object> props = CfnTemplate.properties(resource);
                memory.put(id, ((Number) props.getOrDefault("MemorySize", globals.getOrDefault("MemorySize", 128))).intValue());
                Object architectures = props.getOrDefault("Architectures", globals.getOrDefault("Architectures", List.of("x86_64")));
                arch.put(id, String.valueOf(((List<Object>) architectures).get(0)));
                tracing[0] |= "Active".equals(props.get("Tracing"));
            });
            // the secrets an ops engineer creates (the template names each by a ...SecretName parameter), and any it makes;
            // the webhook's are one JSON secret (ONE_WEBHOOK_SECRET, when the template has it) or one per platform
            Set<String> named = new TreeSet<>();
            template.parameters().keySet().stream().filter(p -> p.endsWith("SecretName")).forEach(named::add);
            Set<String> webhook = new TreeSet<>(named);
            webhook.retainAll(refsIn(CfnTemplate.properties(template.resources().get("WebhookFunction")).get("Environment")));
            Set<String> perPlatform = new TreeSet<>(named);
            perPlatform.remove(ONE_WEBHOOK_SECRET);
            perPlatform.addAll(template.resourcesOfType("AWS::SecretsManager::Secret").keySet());
            Set<String> secrets = perPlatform;
            if (named.contains(ONE_WEBHOOK_SECRET)) {
                secrets = new TreeSet<>(perPlatform);
                secrets.removeAll(webhook);
                secrets.add(ONE_WEBHOOK_SECRET);
            }
            boolean pitr = template.resourcesOfType("AWS::DynamoDB::Table").values().stream().anyMatch(t -> {
                Object spec = CfnTemplate.properties(t).get("PointInTimeRecoverySpecification");
                return spec instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("PointInTimeRecoveryEnabled"));
            });
            double[] traceRule = null;
            for (Map<String, Object> rule : template.resourcesOfType("AWS::XRay::SamplingRule").values()) {
                Map<String, Object> spec = (Map<String, Object>) CfnTemplate.properties(rule).get("SamplingRule");
                if (spec != null && "AWS::ApiGateway::Stage".equals(spec.get("ServiceType"))) {
                    traceRule = new double[] {number(template, spec.get("ReservoirSize")), number(template, spec.get("FixedRate"))};
                }
            }
            return new Stack(memory, arch, tracing[0], !template.resourcesOfType("AWS::Serverless::HttpApi").isEmpty(),
                    template.resourcesOfType("AWS::CloudWatch::Alarm").size(), secrets, perPlatform, pitr, traceRule,
                    !template.resourcesOfType("AWS::KinesisFirehose::DeliveryStream").isEmpty(),
                    String.valueOf(template.parameters().getOrDefault("LogLevel", Map.of()).getOrDefault("Default", "INFO")));
        }

        /** The names {@code value} refers to with {@code Ref}. */
        private static Set<String> refsIn(Object value) {
            Set<String> names = new TreeSet<>();
            if (value instanceof Map<?, ?> map) {
                if (map.size() == 1 && map.get("Ref") instanceof String name) {
                    names.add(name);
                }
                map.values().forEach(v -> names.addAll(refsIn(v)));
            } else if (value instanceof List<?> list) {
                list.forEach(v -> names.addAll(refsIn(v)));
            }
            return names;
        }

        /** A number, or a {@code Ref} to a parameter's default. */
        private static double number(CfnTemplate template, Object value) {
            if (value instanceof Map<?, ?> ref && ref.get("Ref") instanceof String name) {
                value = template.parameters().get(name).get("Default");
            }
            return ((Number) value).doubleValue();
        }

        int memoryMb(String function) {
            return memory.getOrDefault(function, 1024);
        }

        String architecture(String function) {
            return arch.getOrDefault(function, "x86_64");
        }
    }
}
