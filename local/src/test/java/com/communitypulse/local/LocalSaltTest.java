package com.communitypulse.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSaltTest {
    @TempDir
    Path data;

    @Test
    void aDataDirectoryKeepsOneRandomSaltAndAnInMemoryRunGetsItsOwn() throws Exception {
        String first = LocalSalt.of(data);

        assertEquals(first, LocalSalt.of(data), "erasures outlive a restart on the same --data");
        assertEquals(first, Files.readString(data.resolve("erasure-salt")).trim());
        assertTrue(first.matches("[0-9a-f]{64}"), first);
        assertNotEquals("change-me-community-pulse-erasure-salt", first);
        assertNotEquals(LocalSalt.of(null), LocalSalt.of(null), "random per in-memory run");
    }
}
