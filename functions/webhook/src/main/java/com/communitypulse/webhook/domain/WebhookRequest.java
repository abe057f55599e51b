package com.communitypulse.webhook.domain;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One inbound POST as API Gateway hands it over, before anything is trusted.
 *
 * @param route         the {@code {platform}} path segment, e.g. {@code github}
 * @param headers       header names compared case-insensitively, as HTTP defines them
 * @param body          the body as API Gateway gives it (text, or base64 text)
 * @param base64Encoded API Gateway's {@code isBase64Encoded}
 * @param requestId     API Gateway's request id, for the logs
 */
public record WebhookRequest(String route, Map<String, String> headers, String body, boolean base64Encoded,
                             String requestId) {

    public WebhookRequest {
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    caseInsensitive.putIfAbsent(name, value);
                }
            });
        }
        headers = Collections.unmodifiableMap(caseInsensitive);
        body = body == null ? "" : body;
        requestId = requestId == null ? "-" : requestId;
    }

    public Optional<String> header(String name) {
        String value = headers.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** The media type without parameters, lower-cased ({@code application/json; charset=utf-8} -> {@code application/json}). */
    public Optional<String> mediaType() {
        return header("Content-Type").map(value -> {
            int semicolon = value.indexOf(';');
            return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(java.util.Locale.ROOT);
        }).filter(type -> !type.isEmpty());
    }
}
