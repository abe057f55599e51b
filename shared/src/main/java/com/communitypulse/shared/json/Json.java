package com.communitypulse.shared.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one Jackson configuration every function uses. Untrusted bytes arrive from the internet,
 * so parsing is bounded: nesting depth, string length and document size are capped well below
 * what would exhaust a Lambda's memory, yet above any real platform payload.
 */
public final class Json {
    /** Deepest nesting accepted; real payloads stay under 20 levels. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest single string accepted (GitHub caps whole payloads at 25 MB). */
    public static final int MAX_STRING_LENGTH = 5_000_000;
    /** Largest document accepted, in bytes or chars. */
    public static final long MAX_DOCUMENT_LENGTH = 26_000_000L;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                            .maxNumberLength(100)
                            .build())
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
