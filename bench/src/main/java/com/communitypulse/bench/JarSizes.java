package com.communitypulse.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Section 4: each function's deployable jar, its size, what is in it by package, which Maven
 * artifacts were shaded in, and anything a Lambda jar should not carry. For a flagged artifact the
 * artifact that declares it (read from the shaded {@code META-INF/maven/.../pom.xml} files) is named,
 * so the exclusion to add to the function's pom is known.
 */
final class JarSizes {
    static final long LIMIT = 20L * 1024 * 1024;

    /** Path prefixes a function jar should not contain, and why. */
    static final Map<String, String> SUSPECTS = new LinkedHashMap<>();

    static {
        SUSPECTS.put("com/amazonaws/services/dynamodbv2/local/", "DynamoDB Local (test engine)");
        SUSPECTS.put("software/amazon/dynamodb/services/local/", "DynamoDB Local (test engine)");
        SUSPECTS.put("com/almworks/sqlite4java/", "sqlite4java (DynamoDB Local's engine)");
        SUSPECTS.put("org/eclipse/jetty/", "Jetty (DynamoDB Local's server)");
        SUSPECTS.put("org/junit/", "JUnit (test library)");
        SUSPECTS.put("org/opentest4j/", "opentest4j (test library)");
        SUSPECTS.put("org/hamcrest/", "Hamcrest (test library)");
        SUSPECTS.put("org/mockito/", "Mockito (test library)");
        SUSPECTS.put("net/jqwik/", "jqwik (test library)");
        SUSPECTS.put("mockwebserver3/", "MockWebServer (test library)");
        SUSPECTS.put("okhttp3/mockwebserver/", "MockWebServer (test library)");
        SUSPECTS.put("okhttp3/", "OkHttp (an HTTP client the functions do not use)");
        SUSPECTS.put("kotlin/", "Kotlin standard library (pulled by OkHttp)");
        SUSPECTS.put("software/amazon/awssdk/http/apache/", "SDK apache-client (the functions use url-connection-client)");
        SUSPECTS.put("org/apache/http/", "Apache HttpClient (the functions use url-connection-client)");
        SUSPECTS.put("software/amazon/awssdk/http/nio/netty/", "SDK netty-nio-client (no async clients are used)");
        SUSPECTS.put("io/netty/", "Netty (no async clients are used)");
        SUSPECTS.put("org/openjdk/jmh/", "JMH (benchmarks only)");
        SUSPECTS.put("com/communitypulse/devkit/", "devkit (never deployed)");
        SUSPECTS.put("com/communitypulse/local/", "the local runner (never deployed)");
        SUSPECTS.put("software/amazon/event/ruler/", "event-ruler (local runner only)");
        SUSPECTS.put("org/yaml/snakeyaml/", "SnakeYAML (a YAML parser: check the function needs YAML)");
    }

    record Jar(String function, Path path, long bytes, long uncompressed, int entries,
               Map<String, long[]> packages, List<String> artifacts, Map<String, List<String>> flags,
               List<String> natives, List<String> awsServices, Map<String, Long> serviceBytes,
               Map<String, TreeSet<String>> serviceUsers, boolean hasLambdaEvents, boolean usesLambdaEvents) {
    }

    private final Repo repo;

    JarSizes(Repo repo) {
        this.repo = repo;
    }

    Section run() throws IOException {
        Section section = new Section("4. Deployable size of each function jar");
        List<Jar> jars = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(repo.root().resolve("functions"))) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String name = dir.getFileName().toString();
                Path jar = repo.functionJar(name);
                if (Files.isRegularFile(jar)) {
                    jars.add(inspect(name, jar));
                } else {
                    section.line("- `" + repo.root().relativize(jar) + "` is missing: build with `mvn -B -q -DskipTests package`.");
                }
            }
        }
        section.line("| function | jar | uncompressed | entries | AWS SDK services | over 20 MB? |");
        section.line("|---|---:|---:|---:|---|---|");
        long largest = 0;
        String largestName = "-";
        for (Jar jar : jars) {
            section.line("| " + jar.function + " | " + Section.mib(jar.bytes) + " | " + Section.mib(jar.uncompressed)
                    + " | " + jar.entries + " | " + String.join(", ", jar.awsServices) + " | "
                    + (jar.bytes > LIMIT ? "**yes**" : "no") + " |");
            if (jar.bytes > largest) {
                largest = jar.bytes;
                largestName = jar.function;
            }
        }
        section.line("");
        for (Jar jar : jars) {
            section.line("**" + jar.function + "** (`" + repo.root().relativize(jar.path) + "`), top packages by compressed size:");
            section.line("");
            section.line("| package | compressed | classes/files |");
            section.line("|---|---:|---:|");
            jar.packages.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                    .limit(12)
                    .forEach(e -> section.line("| `" + e.getKey() + "` | " + Section.mib(e.getValue()[0]) + " | "
                            + e.getValue()[1] + " |"));
            section.line("");
            section.line("Artifacts shaded in (" + jar.artifacts.size() + "): " + String.join(", ", jar.artifacts));
            section.line("");
            if (!jar.natives.isEmpty()) {
                section.line("Native libraries: " + String.join(", ", jar.natives));
                section.line("");
            }
            section.line("AWS SDK service clients in the jar, and which Community Pulse classes use them:");
            section.line("");
            section.line("| client | compressed | used by |");
            section.line("|---|---:|---|");
            List<String> removable = new ArrayList<>();
            jar.serviceBytes.forEach((svc, bytes) -> {
                TreeSet<String> users = jar.serviceUsers.getOrDefault(svc, new TreeSet<>());
                boolean ownCode = users.stream().anyMatch(u -> !u.startsWith("com.communitypulse.shared."));
                section.line("| " + svc + " | " + Section.mib(bytes) + " | "
                        + (users.isEmpty() ? "nothing" : users.stream().map(u -> u.substring(u.lastIndexOf('.') + 1))
                        .reduce((a, b) -> a + ", " + b).orElse("")) + (ownCode ? "" : " (no class of the function itself)") + " |");
                if (!ownCode) {
                    removable.add("`software.amazon.awssdk:" + svc + "` (" + Section.mib(bytes) + ")");
                }
            });
            section.line("");
            if (!removable.isEmpty()) {
                section.line("Removable: " + String.join(", ", removable) + ", in the jar through `shared`, used by no class of "
                        + jar.function + "; exclude in `functions/" + jar.function + "/pom.xml` on the `shared` dependency: "
                        + removable.stream().map(r -> r.substring(r.indexOf(':') + 1, r.indexOf('`', 1)))
                        .map(a -> "`<exclusion><groupId>software.amazon.awssdk</groupId><artifactId>" + a + "</artifactId></exclusion>`")
                        .reduce((a, b) -> a + " " + b).orElse("") + ".");
                section.line("");
            }
            if (jar.hasLambdaEvents && !jar.usesLambdaEvents) {
                section.line("Removable: `com.amazonaws:aws-lambda-java-events` (" + Section.mib(jar.packages.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("com.amazonaws.services.lambda.runtime.events"))
                        .mapToLong(e -> e.getValue()[0]).sum()) + "): no class of " + jar.function + " uses its event types"
                        + " (the handler takes a Map); delete that dependency from `functions/" + jar.function + "/pom.xml`.");
                section.line("");
            }
            if (jar.packages.keySet().stream().anyMatch(p -> p.startsWith("org.joda"))) {
                section.line("joda-time is in the jar (via aws-lambda-java-events and Powertools' jackson-datatype-joda): it stays,"
                        + " because Powertools' `JsonConfig` registers `JodaModule`.");
                section.line("");
            }
            if (jar.flags.isEmpty()) {
                section.line("Nothing flagged.");
            } else {
                section.line("Flagged (should not be deployed):");
                jar.flags.forEach((what, via) -> section.line("- " + what + (via.isEmpty() ? "" : "; declared by " + String.join(", ", via))));
            }
            section.line("");
        }
        boolean met = !jars.isEmpty() && jars.stream().allMatch(j -> j.bytes <= LIMIT);
        section.target("no function jar over 20 MB", "largest: " + largestName + " " + Section.mib(largest), met,
                met ? "" : jars.stream().filter(j -> j.bytes > LIMIT).map(j -> j.function + " " + Section.mib(j.bytes))
                        .reduce((a, b) -> a + ", " + b).orElse(""));
        return section;
    }

    Jar inspect(String function, Path path) throws IOException {
        Map<String, long[]> packages = new TreeMap<>();
        Map<String, String> poms = new TreeMap<>();
        List<String> natives = new ArrayList<>();
        TreeSet<String> services = new TreeSet<>();
        Map<String, TreeSet<String>> hits = new LinkedHashMap<>();
        Map<String, Long> serviceBytes = new TreeMap<>();
        Map<String, TreeSet<String>> serviceUsers = new TreeMap<>();
        boolean hasLambdaEvents = false;
        boolean usesLambdaEvents = false;
        Pattern serviceRef = Pattern.compile("software/amazon/awssdk/services/([a-z0-9]+)/");
        long uncompressed = 0;
        int entries = 0;
        try (ZipFile zip = new ZipFile(path.toFile())) {
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                entries++;
                String name = entry.getName();
                uncompressed += Math.max(0, entry.getSize());
                long[] sum = packages.computeIfAbsent(group(name), k -> new long[2]);
                sum[0] += Math.max(0, entry.getCompressedSize());
                sum[1]++;
                if (name.matches("META-INF/maven/[^/]+/[^/]+/pom\\.xml")) {
                    String[] parts = name.split("/");
                    try (InputStream in = zip.getInputStream(entry)) {
                        poms.put(parts[2] + ":" + parts[3], new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
                if (name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib") || name.endsWith(".jnilib")) {
                    natives.add(name + " (" + Section.mib(entry.getCompressedSize()) + ")");
                }
                Matcher service = Pattern.compile("^software/amazon/awssdk/services/([^/]+)/").matcher(name);
                if (service.find()) {
                    services.add(service.group(1));
                    serviceBytes.merge(service.group(1), Math.max(0, entry.getCompressedSize()), Long::sum);
                }
                if (name.startsWith("com/amazonaws/services/lambda/runtime/events/")) {
                    hasLambdaEvents = true;
                }
                if (name.startsWith("com/communitypulse/") && name.endsWith(".class")) {
                    // class names in the constant pool, in internal form, say which SDK clients this code uses
                    String constants;
                    try (InputStream in = zip.getInputStream(entry)) {
                        constants = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                    }
                    String user = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                    Matcher ref = serviceRef.matcher(constants);
                    while (ref.find()) {
                        serviceUsers.computeIfAbsent(ref.group(1), k -> new TreeSet<>()).add(user.replaceAll("\\$.*", ""));
                    }
                    if (!name.startsWith("com/communitypulse/shared/")
                            && constants.contains("com/amazonaws/services/lambda/runtime/events/")) {
                        usesLambdaEvents = true;
                    }
                }
                for (Map.Entry<String, String> suspect : SUSPECTS.entrySet()) {
                    if (name.startsWith(suspect.getKey())) {
                        hits.computeIfAbsent(suspect.getValue() + " `" + suspect.getKey() + "`", k -> new TreeSet<>());
                    }
                }
            }
        }
        // which shaded artifact declares each flagged one (its pom's non-test dependencies)
        Map<String, List<String>> flags = new LinkedHashMap<>();
        for (String flag : hits.keySet()) {
            flags.put(flag, declarers(flag, poms));
        }
        return new Jar(function, path, Files.size(path), uncompressed, entries, packages,
                new ArrayList<>(poms.keySet()), flags, natives, new ArrayList<>(services), serviceBytes, serviceUsers,
                hasLambdaEvents, usesLambdaEvents);
    }

    /** Artifacts shaded into the jar whose pom declares a dependency matching the flagged package. */
    private static List<String> declarers(String flag, Map<String, String> poms) {
        String prefix = flag.substring(flag.indexOf('`') + 1, flag.lastIndexOf('`'));
        String[] guesses = artifactGuesses(prefix);
        List<String> via = new ArrayList<>();
        Pattern dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
        poms.forEach((artifact, pom) -> {
            Matcher m = dependency.matcher(pom);
            while (m.find()) {
                String block = m.group(1);
                if (block.contains("<scope>test</scope>") || block.contains("<scope>provided</scope>")) {
                    continue;
                }
                String a = tag(block, "artifactId");
                for (String guess : guesses) {
                    if (a != null && a.equalsIgnoreCase(guess)) {
                        via.add(artifact + " -> " + tag(block, "groupId") + ":" + a);
                    }
                }
            }
        });
        return via;
    }

    private static String[] artifactGuesses(String prefix) {
        return switch (prefix) {
            case "software/amazon/awssdk/http/apache/" -> new String[] {"apache-client"};
            case "org/apache/http/" -> new String[] {"httpclient", "httpcore", "apache-client"};
            case "software/amazon/awssdk/http/nio/netty/", "io/netty/" -> new String[] {"netty-nio-client"};
            case "com/amazonaws/services/dynamodbv2/local/", "software/amazon/dynamodb/services/local/" -> new String[] {"DynamoDBLocal"};
            case "com/almworks/sqlite4java/" -> new String[] {"sqlite4java"};
            case "okhttp3/", "kotlin/" -> new String[] {"okhttp", "okhttp-jvm", "mockwebserver"};
            case "org/junit/" -> new String[] {"junit-jupiter", "junit-jupiter-api", "junit"};
            case "org/yaml/snakeyaml/" -> new String[] {"snakeyaml"};
            case "software/amazon/event/ruler/" -> new String[] {"event-ruler"};
            case "com/communitypulse/devkit/" -> new String[] {"devkit"};
            default -> new String[0];
        };
    }

    private static String tag(String block, String name) {
        Matcher m = Pattern.compile("<" + name + ">\\s*([^<]+?)\\s*</" + name + ">").matcher(block);
        return m.find() ? m.group(1) : null;
    }

    /** A library-level package: deeper for the AWS SDK (per service/module), three levels otherwise. */
    static String group(String name) {
        int slash = name.lastIndexOf('/');
        if (slash < 0) {
            return "(root)";
        }
        String[] parts = name.substring(0, slash).split("/");
        int depth = name.startsWith("software/amazon/awssdk/services/") ? 5
                : name.startsWith("org/apache/logging/log4j/") ? 5
                : name.startsWith("com/amazonaws/services/lambda/") ? 6
                : name.startsWith("software/amazon/awssdk/") || name.startsWith("com/fasterxml/jackson/")
                        || name.startsWith("org/apache/commons/") || name.startsWith("software/amazon/lambda/") ? 4
                : name.startsWith("META-INF/") ? 2 : 3;
        return String.join(".", java.util.Arrays.copyOf(parts, Math.min(depth, parts.length)));
    }
}
