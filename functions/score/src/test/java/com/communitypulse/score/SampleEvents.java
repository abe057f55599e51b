package com.communitypulse.score;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The sample envelopes of {@code events/score-*.json}, as EventBridge delivers them. */
final class SampleEvents {
    private SampleEvents() {
    }

    static Map<String, Object> envelope(String name) throws IOException {
        Path file = Path.of("../../events").resolve(name);
        return Json.mapper().readValue(Files.readString(file), new TypeReference<>() {
        });
    }
}
