package com.communitypulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The local runner's erasure salt (the stack generates its own, {@code ErasureSaltSecret}): random,
 * kept as {@code erasure-salt} in the {@code --data} directory so erasures outlive a restart, and new
 * per run when the data is in memory. Never a known string: markers hashed with one can be reversed.
 */
public final class LocalSalt {
    static final String FILE = "erasure-salt";

    private LocalSalt() {
    }

    /** The salt of {@code dataDir} (created on first use), or a fresh one when {@code dataDir} is null. */
    public static String of(Path dataDir) {
        if (dataDir == null) {
            return generate();
        }
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                Path tmp = Files.createTempFile(dataDir, ".erasure-salt", ".tmp");
                Files.writeString(tmp, generate(), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException raced) {
                    Files.deleteIfExists(tmp); // another runner on the same directory wrote it first
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("erasure salt " + file + " not readable", e);
        }
    }

    private static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
