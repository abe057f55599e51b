package com.communitypulse.testkit;

import com.communitypulse.devkit.CfnTemplate;
import java.nio.file.Path;

/** The clone a test runs in: found once, from the module's folder up to the one holding template.yaml. */
public final class Repository {
    private static Path root;

    private Repository() {
    }

    public static synchronized Path root() {
        if (root == null) {
            root = CfnTemplate.locate(Path.of("")).toAbsolutePath().getParent();
        }
        return root;
    }

    /** A path from the repository's root, e.g. {@code file("docs/scoring.md")}. */
    public static Path file(String relative) {
        return root().resolve(relative);
    }
}
