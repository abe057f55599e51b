package com.communitypulse.local.packaged;

import com.communitypulse.testkit.runner.PackagedRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable blocks of README.md, CONTRIBUTING.md and docs/*.md: a fenced {@code bash} block right after a
 * {@code <!-- run: NAME -->} marker, taken as written so that CI runs exactly what a user copies.
 */
public final class ReadmeBlocks {
    private ReadmeBlocks() {
    }

    public static String readme() {
        return page("README.md");
    }

    /** A documentation page by its path from the repository root: "README.md", "docs/platforms.md". */
    public static String page(String name) {
        try {
            return Files.readString(PackagedRunner.root().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pages whose blocks count: README.md, CONTRIBUTING.md (if there) and every docs/*.md. */
    public static java.util.List<String> pages() {
        java.util.List<String> names = new java.util.ArrayList<>();
        java.nio.file.Path root = PackagedRunner.root();
        for (String n : java.util.List.of("README.md", "CONTRIBUTING.md")) {
            if (Files.isRegularFile(root.resolve(n))) {
                names.add(n);
            }
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = Files.list(root.resolve("docs"))) {
            files.map(f -> "docs/" + f.getFileName()).filter(n -> n.endsWith(".md")).sorted().forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The block after {@code <!-- run: name -->}; fails if there is none. */
    public static String block(String name) {
        Pattern p = Pattern.compile("<!-- run: " + Pattern.quote(name) + " -->\\s*```bash\\n(.*?)```", Pattern.DOTALL);
        for (String page : pages()) {
            Matcher m = p.matcher(page(page));
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new IllegalStateException("no page of " + pages() + " has a ```bash block after <!-- run: " + name + " -->");
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
