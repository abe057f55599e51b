package com.communitypulse.welcome.platform;

import com.communitypulse.welcome.domain.FirstContribution;
import com.communitypulse.welcome.domain.Welcome;
import com.communitypulse.welcome.platform.http.OutboundRequest;
import com.communitypulse.welcome.platform.http.RetryingHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Discord: a message through the welcome channel's webhook ({@code DISCORD_WELCOME_WEBHOOK_URL}),
 * with {@code ?wait=true} so Discord answers with the message id. The webhook URL holds its token,
 * so it is redacted in records and logs. Only the newcomer can be pinged ({@code allowed_mentions}):
 * a login such as {@code @everyone} inside a template pings nobody.
 */
public final class DiscordPoster implements Poster {
    private static final int MAX_CONTENT = 2000;

    private final String userAgent;
    private final RetryingHttp http;

    public DiscordPoster(String userAgent, RetryingHttp http) {
        this.userAgent = userAgent;
        this.http = http;
    }

    @Override
    public String platform() {
        return "discord";
    }

    @Override
    public Optional<String> noTarget(FirstContribution contribution) {
        return Optional.empty();
    }

    @Override
    public String mention(FirstContribution contribution) {
        String id = Poster.platformUserId(contribution.identity());
        return id.matches("\\d+") ? "<@" + id + ">" : contribution.login();
    }

    @Override
    public boolean hasCredentials(PlatformTokens tokens) {
        return tokens.discordWebhookUrl() != null && !tokens.discordWebhookUrl().isBlank();
    }

    @Override
    public List<OutboundRequest> plan(Welcome welcome, PlatformTokens tokens) {
        return List.of(request(welcome, tokens));
    }

    @Override
    public Posted post(Welcome welcome, PlatformTokens tokens, Instant deadline) {
        JsonNode message = GitHubPoster.json(http.send(request(welcome, tokens), http::standard, deadline));
        String id = message.path("id").asText(null);
        String channel = message.path("channel_id").asText(null);
        String guild = message.path("guild_id").asText(null);
        String url = id != null && channel != null && guild != null
                ? "https://discord.com/channels/" + guild + "/" + channel + "/" + id : null;
        return new Posted(id, url, null);
    }

    private OutboundRequest request(Welcome welcome, PlatformTokens tokens) {
        String webhook = tokens.discordWebhookUrl();
        URI url = webhook == null ? null : URI.create(webhook + (webhook.contains("?") ? "&" : "?") + "wait=true");
        Map<String, Object> body = new LinkedHashMap<>();
        String content = welcome.message();
        body.put("content", content.length() > MAX_CONTENT ? content.substring(0, MAX_CONTENT - 1) + "…" : content);
        String userId = Poster.platformUserId(welcome.contribution().identity());
        body.put("allowed_mentions", Map.of("parse", List.of(), "users", userId.matches("\\d+") ? List.of(userId) : List.of()));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", userAgent);
        return OutboundRequest.postJson(url == null ? URI.create("http://invalid") : url, redact(webhook),
                headers, Set.of(), GitHubPoster.write(body));
    }

    /** {@code .../api/webhooks/{id}/{token}} -> {@code .../api/webhooks/{id}/<redacted>?wait=true}. */
    static String redact(String webhook) {
        if (webhook == null) {
            return "<DISCORD_WELCOME_WEBHOOK_URL>?wait=true";
        }
        String path = webhook.contains("?") ? webhook.substring(0, webhook.indexOf('?')) : webhook;
        int slash = path.lastIndexOf('/');
        return (slash > "https://".length() ? path.substring(0, slash + 1) : path + "/") + OutboundRequest.REDACTED + "?wait=true";
    }
}
