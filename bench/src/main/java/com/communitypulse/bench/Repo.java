package com.communitypulse.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the clone the benchmarks run in, found from the working directory upwards. */
final class Repo {
    private final Path root;

    private Repo(Path root) {
        this.root = root;
    }

    static Repo locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
                return new Repo(dir);
            }
        }
        throw new IllegalStateException("run the benchmarks from the Community Pulse clone (no template.yaml and"
                + " functions/ found in " + Path.of("").toAbsolutePath() + " or above)");
    }

    Path root() {
        return root;
    }

    Path template() {
        return root.resolve("template.yaml");
    }

    Path events() {
        return root.resolve("events");
    }

    /** A function's deployable jar, {@code functions/<name>/target/<name>.jar}. */
    Path functionJar(String name) {
        return root.resolve("functions").resolve(name).resolve("target").resolve(name + ".jar");
    }

    byte[] read(Path relative) {
        try {
            return Files.readAllBytes(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
