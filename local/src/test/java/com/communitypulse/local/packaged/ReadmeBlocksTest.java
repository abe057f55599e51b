package com.communitypulse.local.packaged;

import com.communitypulse.testkit.runner.PackagedRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md, CONTRIBUTING.md and docs/*.md stay true because CI runs them: every shell block that talks to the local runner is
 * either marked {@code <!-- run: NAME -->} and executed by a test (or by .ci/) that names it, or
 * marked {@code <!-- illustrative: why -->} by someone who decided it cannot be.
 */
class ReadmeBlocksTest {
    private static final Pattern BLOCK = Pattern.compile("(?:<!-- (run: [\\w-]+|illustrative[^>]*) -->\\s*)?```bash\\n(.*?)```",
            Pattern.DOTALL);

    @Test
    void everyLocalBlockIsExecutedOrMarkedIllustrative() {
        String runners = executors();
        List<String> problems = new ArrayList<>();
        for (String page : ReadmeBlocks.pages()) {
            Matcher m = BLOCK.matcher(ReadmeBlocks.page(page));
            while (m.find()) {
                String marker = m.group(1);
                String body = m.group(2);
                boolean local = body.contains("127.0.0.1:3000") || body.contains("local/target/community-pulse-local.jar");
                String first = body.lines().findFirst().orElse("");
                if (marker == null) {
                    if (local) {
                        problems.add(page + ": unmarked block that uses the local runner: " + first);
                    }
                } else if (marker.startsWith("run: ")) {
                    String name = marker.substring(5);
                    if (!runners.contains("\"" + name + "\"") && !runners.contains("run: " + name)) {
                        problems.add(page + ": block '" + name + "' is marked run but no test or CI script executes it: " + first);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The README's warehouse queries are the manual's, word for word, so the two never drift apart. */
    @Test
    void theReadmesQueriesAreTheWarehouseManuals() throws Exception {
        Pattern sql = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL);
        Path root = PackagedRunner.root();
        List<String> readme = sql.matcher(Files.readString(root.resolve("README.md"))).results().map(m -> m.group(1)).toList();
        List<String> manual = sql.matcher(Files.readString(root.resolve("docs/warehouse.md"))).results()
                .map(m -> m.group(1)).toList();
        assertEquals(3, readme.size(), "monthly active contributors, PR acceptance, time to first response");
        assertEquals(manual, readme);
    }

    /** The test sources and CI scripts, where runnable blocks are named. */
    private static String executors() {
        StringBuilder all = new StringBuilder();
        Path root = PackagedRunner.root();
        for (Path dir : List.of(root.resolve("local/src/test/java"), root.resolve(".ci"))) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).filter(f -> !f.endsWith("ReadmeBlocksTest.java")).forEach(f -> {
                    try {
                        all.append(Files.readString(f)).append('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toString();
    }
}
