package com.communitypulse.local;

import com.communitypulse.local.demo.DemoFill;
import com.communitypulse.local.send.SendCommand;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local/target/community-pulse-local.jar [--port 3000] [--data DIR] [--outbox DIR] [--warehouse DIR] [--demo]}:
 * the whole system on this machine, no AWS account needed.
 */
public final class LocalRunner {
    private LocalRunner() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("send")) {
            System.exit(SendCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.getenv(),
                    System.out, System.err));
        }
        try {
            run(args);
        } catch (Exception | LinkageError e) {
            // a failed start must end the process: DynamoDB Local's threads would keep it alive
            System.err.println("local runner: could not start: " + Failures.describe(e));
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        LocalSystem.Options options = LocalSystem.Options.defaults();
        Path data = null;
        Path warehouse = null;
        boolean demo = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (arg) {
                case "--port" -> options = options.withPort(Integer.parseInt(require(arg, value)));
                case "--data" -> data = Path.of(require(arg, value));
                case "--outbox" -> options = options.withOutbox(Path.of(require(arg, value)));
                case "--warehouse" -> warehouse = Path.of(require(arg, value));
                case "--template" -> options = options.withTemplate(Path.of(require(arg, value)));
                case "--demo" -> {
                    demo = true;
                    continue; // a flag: takes no value
                }
                case "--help", "-h" -> {
                    System.out.println("usage: java -jar community-pulse-local.jar [--port 3000] [--data DIR] "
                            + "[--outbox DIR] [--warehouse DIR] [--template template.yaml] [--demo]");
                    System.out.println("       java -jar community-pulse-local.jar send <platform> <file> "
                            + "[--url http://127.0.0.1:3000] [--event NAME] [--delivery ID]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + arg + " (try --help)");
            }
            i++;
        }
        if (data != null) {
            options = options.withDataDir(data);
        }
        // the warehouse's JSON lines: in the data directory, else beside outbox/ in the working directory
        options = options.withWarehouse(warehouse != null ? warehouse : data != null ? data.resolve("warehouse") : Path.of("warehouse"));
        long started = System.nanoTime();
        LocalSystem system = LocalSystem.start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                system.close();
            } catch (Exception ignored) {
                // shutting down anyway
            }
        }));
        printBanner(system, options, (System.nanoTime() - started) / 1_000_000);
        if (demo) {
            DemoFill.runAndPrint(system);
        }
        new CountDownLatch(1).await();
    }

    private static void printBanner(LocalSystem system, LocalSystem.Options options, long millis) {
        System.out.println();
        System.out.println("Community Pulse local runner ready in " + millis + " ms");
        System.out.println("  API            " + system.url() + "  (POST /webhooks/{platform}, GET /contributors/{id}, GET /leaderboard)");
        System.out.println("  health         " + system.url() + "/_local/health");
        System.out.println("  run a schedule POST " + system.url() + "/_local/run/DigestFunction");
        System.out.println("  DynamoDB Local " + system.dynamoEndpoint() + "  (table ContributorTable, "
                + (options.dataDir() == null ? "in memory" : "data in " + options.dataDir().toAbsolutePath()) + ")");
        System.out.println("  outbox         " + options.outbox().toAbsolutePath() + "  (digest .eml, dry-run welcomes)");
        System.out.println("  warehouse      " + (system.warehouseDir() == null ? "off"
                : system.warehouseDir() + "  (community.action JSON lines by arrival date, as Firehose writes S3)"));
        System.out.println("  webhook secrets (set these variables to change them):");
        for (Map.Entry<String, String> secret : new java.util.TreeMap<>(system.secrets()).entrySet()) {
            String note = LocalSystem.DEV_SECRETS.get(secret.getKey()).equals(secret.getValue()) ? "  (development default)" : "  (from environment)";
            String shown = note.contains("default") ? secret.getValue() : "********";
            System.out.println("    " + secret.getKey() + "=" + shown + note);
        }
        System.out.println();
    }

    private static String require(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
