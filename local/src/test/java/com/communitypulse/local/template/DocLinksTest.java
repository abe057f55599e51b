package com.communitypulse.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.communitypulse.testkit.runner.PackagedRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in README.md, CONTRIBUTING.md, SECURITY.md and docs/*.md resolves: the file
 * exists, and an anchor names a heading of that file (GitHub's slugs).
 */
class DocLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);
    private static final Pattern FENCE = Pattern.compile("```.*?```", Pattern.DOTALL);

    static List<Path> documents() {
        Path root = PackagedRunner.root();
        List<Path> docs = new ArrayList<>();
        for (String name : List.of("README.md", "CONTRIBUTING.md", "SECURITY.md")) {
            if (Files.isRegularFile(root.resolve(name))) {
                docs.add(root.resolve(name));
            }
        }
        if (Files.isDirectory(root.resolve("docs"))) {
            try (Stream<Path> files = Files.list(root.resolve("docs"))) {
                files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return docs;
    }

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            String text = FENCE.matcher(Files.readString(doc)).replaceAll("");
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(PackagedRunner.root().relativize(doc) + ": " + target + " (no such file)");
                } else if (anchor != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(anchor)) {
                    broken.add(PackagedRunner.root().relativize(doc) + ": " + target + " (no such heading)");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    /** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
    static Set<String> anchors(Path doc) throws IOException {
        Set<String> anchors = new HashSet<>();
        Matcher m = HEADING.matcher(FENCE.matcher(Files.readString(doc)).replaceAll(""));
        while (m.find()) {
            String slug = m.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            String unique = slug;
            for (int i = 1; anchors.contains(unique); i++) {
                unique = slug + "-" + i;
            }
            anchors.add(unique);
        }
        return anchors;
    }
}
