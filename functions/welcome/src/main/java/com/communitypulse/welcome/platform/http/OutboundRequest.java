package com.communitypulse.welcome.platform.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP call to a platform, as it is sent and as a dry run records it.
 *
 * @param method        HTTP method
 * @param url           where it goes (may hold a secret, e.g. a Discord webhook token)
 * @param displayUrl    {@code url} with any secret part replaced, safe to log and record
 * @param headers       every header sent
 * @param secretHeaders names of headers whose values are secrets (never recorded or logged)
 * @param body          JSON body
 */
public record OutboundRequest(String method, URI url, String displayUrl, Map<String, String> headers,
                              Set<String> secretHeaders, String body) {
    public static final String REDACTED = "<redacted>";

    public OutboundRequest {
        headers = Map.copyOf(headers);
        secretHeaders = Set.copyOf(secretHeaders);
    }

    public static OutboundRequest postJson(URI url, String displayUrl, Map<String, String> headers,
                                           Set<String> secretHeaders, String body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/json");
        return new OutboundRequest("POST", url, displayUrl, all, secretHeaders, body);
    }

    /** A GET (a lookup: safe to retry, never changes anything). */
    public static OutboundRequest get(URI url, String displayUrl, Map<String, String> headers, Set<String> secretHeaders) {
        return new OutboundRequest("GET", url, displayUrl, headers, secretHeaders, null);
    }

    /** Headers with secret values replaced, in a stable order, for records and logs. */
    public Map<String, String> safeHeaders() {
        Map<String, String> safe = new java.util.TreeMap<>();
        headers.forEach((name, value) -> safe.put(name, secretHeaders.contains(name) ? REDACTED : value));
        return safe;
    }
}
