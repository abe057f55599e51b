package com.communitypulse.local.packaged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's runnable blocks: a fenced {@code bash} block right after a
 * {@code <!-- run: NAME -->} marker, taken as written so that CI runs exactly what a user copies.
 */
public final class ReadmeBlocks {
    private ReadmeBlocks() {
    }

    public static String readme() {
        try {
            return Files.readString(PackagedRunner.root().resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The block after {@code <!-- run: name -->}; fails if there is none. */
    public static String block(String name) {
        Matcher m = Pattern.compile("<!-- run: " + Pattern.quote(name) + " -->\\s*```bash\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme());
        if (!m.find()) {
            throw new IllegalStateException("README.md has no ```bash block after <!-- run: " + name + " -->");
        }
        return m.group(1);
    }

    /** The output a block shows: its trailing {@code # } comment lines, without the {@code # }. */
    public static String shownOutput(String block) {
        java.util.List<String> lines = block.lines().toList();
        int i = lines.size();
        while (i > 0 && lines.get(i - 1).startsWith("# ")) {
            i--;
        }
        return String.join("\n", lines.subList(i, lines.size()).stream().map(l -> l.substring(2)).toList());
    }

    /** The block with the runner's documented address moved to the port the test runner listens on. */
    public static String onPort(String block, int port) {
        return block.replace("127.0.0.1:3000", "127.0.0.1:" + port);
    }
}
