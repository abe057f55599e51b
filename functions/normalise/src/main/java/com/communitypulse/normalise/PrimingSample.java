package com.communitypulse.normalise;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.RawDelivery;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;

/** A fixed, representative delivery for SnapStart priming: normalised, never published. */
final class PrimingSample {
    private static final String PAYLOAD = """
            {"action":"created","issue":{"number":1,"user":{"login":"priming","id":1,"type":"User"}},
             "comment":{"id":1,"body":"priming","created_at":"2026-01-05T10:00:00Z",
                        "html_url":"https://github.com/octo-org/hello-world/issues/1#issuecomment-1",
                        "author_association":"NONE","user":{"login":"priming","id":1,"type":"User"}},
             "repository":{"full_name":"octo-org/hello-world"},"sender":{"login":"priming","id":1,"type":"User"}}
            """;

    private PrimingSample() {
    }

    static RawDelivery delivery() {
        try {
            return new RawDelivery("github", "issue_comment", "priming", "2026-01-05T10:00:00Z", Map.of(),
                    Json.mapper().readTree(PAYLOAD), null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the priming sample is valid JSON", e);
        }
    }
}
