package com.communitypulse.welcome.platform;

import com.communitypulse.welcome.FirstContribution;
import com.communitypulse.welcome.PlatformTokens;
import com.communitypulse.welcome.Welcome;
import com.communitypulse.welcome.http.OutboundRequest;
import com.communitypulse.welcome.http.RetryingHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Discourse: a reply in the topic ({@code POST /posts.json} with {@code topic_id} and {@code raw}).
 * The instance is {@code DISCOURSE_BASE_URL}, else the host named in the action's thread
 * ({@code discourse:<host>:topic:<id>}) over https.
 */
public final class DiscoursePoster implements Poster {
    private static final Pattern THREAD = Pattern.compile("^discourse:(.+):topic:(\\d+)$");
    private static final Pattern URL = Pattern.compile("^(https?://[^/]+)(?:/[^?#]*)?/t/(?:[^/?#]+/)?(\\d+)");
    private static final String DEFAULT_USERNAME = "system";

    private final String baseUrl;
    private final String userAgent;
    private final RetryingHttp http;

    /** Where to reply: the instance's base URL and the topic. */
    record Ref(String baseUrl, long topicId) {
    }

    /** @param baseUrl {@code DISCOURSE_BASE_URL}, or null to use the host from each action */
    public DiscoursePoster(String baseUrl, String userAgent, RetryingHttp http) {
        this.baseUrl = baseUrl == null ? null : baseUrl.replaceAll("/+$", "");
        this.userAgent = userAgent;
        this.http = http;
    }

    @Override
    public String platform() {
        return "discourse";
    }

    Optional<Ref> ref(FirstContribution contribution) {
        var context = contribution.context();
        if (context.thread() != null) {
            Matcher m = THREAD.matcher(context.thread());
            if (m.matches()) {
                return Optional.of(new Ref(baseUrl != null ? baseUrl : "https://" + m.group(1), Long.parseLong(m.group(2))));
            }
        }
        if (context.url() != null) {
            Matcher m = URL.matcher(context.url());
            if (m.find()) {
                return Optional.of(new Ref(baseUrl != null ? baseUrl : m.group(1), Long.parseLong(m.group(2))));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> noTarget(FirstContribution contribution) {
        return ref(contribution).isPresent() ? Optional.empty()
                : Optional.of("no topic to reply to (type " + contribution.context().type() + ")");
    }

    @Override
    public String mention(FirstContribution contribution) {
        return "@" + contribution.login();
    }

    @Override
    public boolean hasCredentials(PlatformTokens tokens) {
        return tokens.discourseApiKey() != null && !tokens.discourseApiKey().isBlank();
    }

    @Override
    public List<OutboundRequest> plan(Welcome welcome, PlatformTokens tokens) {
        return List.of(request(welcome, tokens));
    }

    @Override
    public Posted post(Welcome welcome, PlatformTokens tokens, Instant deadline) {
        Ref ref = ref(welcome.contribution()).orElseThrow();
        JsonNode post = GitHubPoster.json(http.send(request(welcome, tokens), http::standard, deadline));
        String id = post.path("id").asText(null);
        String url = post.has("post_number")
                ? ref.baseUrl() + "/t/" + post.path("topic_slug").asText("-") + "/" + ref.topicId() + "/" + post.path("post_number").asText()
                : null;
        return new Posted(id, url, null);
    }

    private OutboundRequest request(Welcome welcome, PlatformTokens tokens) {
        Ref ref = ref(welcome.contribution()).orElseThrow();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Api-Key", tokens.discourseApiKey() == null ? "" : tokens.discourseApiKey());
        headers.put("Api-Username", tokens.discourseApiUsername() == null ? DEFAULT_USERNAME : tokens.discourseApiUsername());
        headers.put("Accept", "application/json");
        headers.put("User-Agent", userAgent);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic_id", ref.topicId());
        body.put("raw", welcome.message());
        URI url = URI.create(ref.baseUrl() + "/posts.json");
        return OutboundRequest.postJson(url, url.toString(), headers, Set.of("Api-Key"), GitHubPoster.write(body));
    }
}
