package com.communitypulse.welcome.platform;

import com.communitypulse.shared.json.Json;
import com.communitypulse.welcome.domain.FirstContribution;
import com.communitypulse.welcome.domain.Welcome;
import com.communitypulse.welcome.platform.http.OutboundRequest;
import com.communitypulse.welcome.platform.http.PermanentHttpFailure;
import com.communitypulse.welcome.platform.http.RetryingHttp;
import com.communitypulse.welcome.platform.http.Verdict;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Slack: {@code chat.postMessage} in the channel where they arrived (the action's {@code repo}).
 * Slack answers 200 with {@code ok:false} on errors, so the body decides: {@code ratelimited} and
 * Slack's own outages are retried, everything else (not_in_channel, invalid_auth, ...) is permanent.
 * Each message carries {@code metadata} naming it; before posting, and before any retry, the channel's
 * messages since the action are read ({@code conversations.history} with {@code include_all_metadata},
 * scope {@code channels:history}, {@code groups:history} for private channels) for one already there.
 */
public final class SlackPoster implements Poster {
    private static final Set<String> TRANSIENT = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");

    /** The metadata event type of our messages. */
    static final String EVENT_TYPE = "community_pulse_message";
    /** Pages of 100 messages read at most when looking for an earlier welcome. */
    static final int MAX_PAGES = 10;

    private final String apiUrl;
    private final String userAgent;
    private final RetryingHttp http;

    public SlackPoster(String apiUrl, String userAgent, RetryingHttp http) {
        this.apiUrl = apiUrl.replaceAll("/+$", "");
        this.userAgent = userAgent;
        this.http = http;
    }

    @Override
    public String platform() {
        return "slack";
    }

    @Override
    public Optional<String> noTarget(FirstContribution contribution) {
        String channel = contribution.context().repo();
        return channel == null || channel.isBlank() ? Optional.of("no channel in the action") : Optional.empty();
    }

    @Override
    public String mention(FirstContribution contribution) {
        return "<@" + Poster.platformUserId(contribution.identity()) + ">";
    }

    /** Slack's mrkdwn treats {@code & < >} as control characters. */
    @Override
    public String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public boolean hasCredentials(PlatformTokens tokens) {
        return tokens.slackBotToken() != null && !tokens.slackBotToken().isBlank();
    }

    @Override
    public List<OutboundRequest> plan(Welcome welcome, PlatformTokens tokens) {
        return List.of(request(welcome, tokens));
    }

    @Override
    public Posted post(Welcome welcome, PlatformTokens tokens, Instant deadline) {
        String channel = welcome.contribution().context().repo();
        return http.sendOnce(request(welcome, tokens), this::check, deadline, () -> find(welcome, tokens, deadline), response -> {
            JsonNode answer = GitHubPoster.json(response);
            String ts = answer.path("ts").asText(null);
            return new Posted(ts == null ? null : answer.path("channel").asText(channel) + "/" + ts, null, null);
        });
    }

    /** Our message from an earlier attempt, by its metadata, among the channel's messages since the action. */
    Optional<Posted> find(Welcome welcome, PlatformTokens tokens, Instant deadline) {
        String channel = welcome.contribution().context().repo();
        String since = oldest(welcome.contribution().action().timestamp());
        String cursor = null;
        for (int page = 1; page <= MAX_PAGES; page++) {
            String query = "channel=" + enc(channel) + "&limit=100&include_all_metadata=true"
                    + (since == null ? "" : "&oldest=" + since) + (cursor == null ? "" : "&cursor=" + enc(cursor));
            URI url = URI.create(apiUrl + "/conversations.history?" + query);
            OutboundRequest get = OutboundRequest.get(url, url.toString(), Map.of("Authorization", "Bearer "
                    + (tokens.slackBotToken() == null ? "" : tokens.slackBotToken()), "User-Agent", userAgent), Set.of("Authorization"));
            JsonNode answer = GitHubPoster.json(http.send(get, this::check, deadline));
            for (JsonNode message : answer.path("messages")) {
                JsonNode metadata = message.path("metadata");
                if (EVENT_TYPE.equals(metadata.path("event_type").asText())
                        && welcome.marker().equals(metadata.path("event_payload").path("marker").asText())) {
                    return Optional.of(new Posted(channel + "/" + message.path("ts").asText(), null, GitHubPoster.FOUND));
                }
            }
            cursor = answer.path("response_metadata").path("next_cursor").asText("");
            if (!answer.path("has_more").asBoolean(false) || cursor.isEmpty()) {
                return Optional.empty();
            }
        }
        throw new PermanentHttpFailure(0, "more than " + (MAX_PAGES * 100) + " messages in " + channel
                + " since the action: not searched for an earlier welcome, not posted");
    }

    /** Slack's {@code oldest}: epoch seconds, a minute before the action (clock skew); null when unknown. */
    static String oldest(String timestamp) {
        String since = GitHubPoster.since(timestamp);
        return since == null ? null : Long.toString(Instant.parse(since).getEpochSecond());
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    Verdict check(HttpResponse<String> response) {
        Verdict status = http.standard(response);
        if (!(status instanceof Verdict.Success)) {
            return status;
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            return new Verdict.Retry(null, "Slack answer is not JSON");
        }
        if (body.path("ok").asBoolean(false)) {
            return Verdict.SUCCESS;
        }
        String error = body.path("error").asText("unknown_error");
        if (TRANSIENT.contains(error)) {
            return new Verdict.Retry(retryAfter(response), "Slack " + error);
        }
        return new Verdict.Permanent("Slack " + error);
    }

    private java.time.Duration retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("retry-after").map(v -> {
            try {
                return java.time.Duration.ofSeconds(Long.parseLong(v.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    private OutboundRequest request(Welcome welcome, PlatformTokens tokens) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + (tokens.slackBotToken() == null ? "" : tokens.slackBotToken()));
        headers.put("User-Agent", userAgent);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", welcome.contribution().context().repo());
        body.put("text", welcome.message());
        body.put("unfurl_links", false);
        // Slack's message metadata: invisible in the channel, returned by conversations.history
        body.put("metadata", Map.of("event_type", EVENT_TYPE, "event_payload", Map.of("marker", welcome.marker())));
        URI url = URI.create(apiUrl + "/chat.postMessage");
        OutboundRequest base = OutboundRequest.postJson(url, url.toString(), headers, Set.of("Authorization"),
                GitHubPoster.write(body));
        // Slack wants the charset spelled out for JSON bodies.
        Map<String, String> withCharset = new LinkedHashMap<>(base.headers());
        withCharset.put("Content-Type", "application/json; charset=utf-8");
        return new OutboundRequest(base.method(), base.url(), base.displayUrl(), withCharset, base.secretHeaders(), base.body());
    }
}
