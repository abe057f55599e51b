package com.communitypulse.welcome.platform;

import com.communitypulse.welcome.domain.FirstContribution;
import com.communitypulse.welcome.domain.Welcome;
import com.communitypulse.welcome.platform.http.OutboundRequest;
import com.communitypulse.welcome.platform.http.PermanentHttpFailure;
import com.communitypulse.welcome.platform.http.RetryingHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Discourse: a reply in the topic ({@code POST /posts.json} with {@code topic_id} and {@code raw}),
 * always on {@code DISCOURSE_BASE_URL}. The instance an action names ({@code discourse:<host>:topic:<id>},
 * or its URL) comes from the unsigned {@code X-Discourse-Instance} header or a custom source, so it
 * only selects the topic: an action of another instance, or any action while no base URL is set,
 * has no target and the {@code Api-Key} goes nowhere. Each reply ends in a hidden marker (an HTML
 * comment); before posting, and before any retry, the topic's posts are read for one already there.
 */
public final class DiscoursePoster implements Poster {
    private static final Pattern THREAD = Pattern.compile("^discourse:(.+):topic:(\\d+)$");
    private static final Pattern URL = Pattern.compile("^https?://([^/:]+)(?::\\d+)?(?:/[^?#]*)?/t/(?:[^/?#]+/)?(\\d+)");
    private static final String DEFAULT_USERNAME = "system";
    /** Discourse's chunk: {@code /t/{id}.json} carries the first 20 posts, {@code /t/{id}/posts.json} takes 20 ids. */
    static final int CHUNK = 20;
    /** Chunks of the topic's later posts read at most when looking for an earlier welcome. */
    static final int MAX_CHUNKS = 10;

    private final String baseUrl;
    private final String host;
    private final String userAgent;
    private final RetryingHttp http;

    /** Where to reply: the instance's base URL and the topic. */
    record Ref(String baseUrl, long topicId) {
    }

    /** @param baseUrl {@code DISCOURSE_BASE_URL}; null or blank: no Discourse welcomes */
    public DiscoursePoster(String baseUrl, String userAgent, RetryingHttp http) {
        this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.trim().replaceAll("/+$", "");
        this.host = this.baseUrl == null ? null : host(this.baseUrl);
        this.userAgent = userAgent;
        this.http = http;
    }

    private static String host(String url) {
        try {
            String h = URI.create(url).getHost();
            return h == null ? null : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String platform() {
        return "discourse";
    }

    /** The topic and the instance host the action names, or empty. */
    private static Optional<Map.Entry<String, Long>> named(FirstContribution contribution) {
        var context = contribution.context();
        if (context.thread() != null) {
            Matcher m = THREAD.matcher(context.thread());
            if (m.matches()) {
                return Optional.of(Map.entry(m.group(1).toLowerCase(Locale.ROOT), Long.parseLong(m.group(2))));
            }
        }
        if (context.url() != null) {
            Matcher m = URL.matcher(context.url());
            if (m.find()) {
                return Optional.of(Map.entry(m.group(1).toLowerCase(Locale.ROOT), Long.parseLong(m.group(2))));
            }
        }
        return Optional.empty();
    }

    Optional<Ref> ref(FirstContribution contribution) {
        return named(contribution).filter(n -> host != null && host.equals(n.getKey()))
                .map(n -> new Ref(baseUrl, n.getValue()));
    }

    @Override
    public Optional<String> noTarget(FirstContribution contribution) {
        Optional<Map.Entry<String, Long>> named = named(contribution);
        if (named.isEmpty()) {
            return Optional.of("no topic to reply to (type " + contribution.context().type() + ")");
        }
        if (baseUrl == null) {
            return Optional.of("DISCOURSE_BASE_URL is not set: the Api-Key is only sent to the configured forum");
        }
        if (!named.get().getKey().equals(host)) {
            return Optional.of("instance " + named.get().getKey() + " is not DISCOURSE_BASE_URL's " + host);
        }
        return Optional.empty();
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
        return http.sendOnce(request(welcome, tokens), http::standard, deadline, () -> find(ref, welcome, tokens, deadline),
                response -> posted(ref, GitHubPoster.json(response), null));
    }

    private static Posted posted(Ref ref, JsonNode post, String note) {
        String url = post.has("post_number")
                ? ref.baseUrl() + "/t/" + post.path("topic_slug").asText("-") + "/" + ref.topicId() + "/" + post.path("post_number").asText()
                : null;
        return new Posted(post.path("id").asText(null), url, note);
    }

    /**
     * Our reply from an earlier attempt, by its marker ({@code raw} when Discourse includes it, else the
     * cooked HTML). {@code /t/{id}.json} holds the first posts and every post id ({@code post_stream.stream});
     * the later posts are read newest first, {@link #CHUNK} ids at a time.
     */
    Optional<Posted> find(Ref ref, Welcome welcome, PlatformTokens tokens, Instant deadline) {
        JsonNode stream = GitHubPoster.json(http.send(get(ref.baseUrl() + "/t/" + ref.topicId() + ".json?include_raw=true", tokens),
                http::standard, deadline)).path("post_stream");
        Optional<Posted> found = marked(ref, stream.path("posts"), welcome);
        if (found.isPresent()) {
            return found;
        }
        java.util.Set<Long> loaded = new java.util.HashSet<>();
        stream.path("posts").forEach(p -> loaded.add(p.path("id").asLong()));
        List<Long> rest = new java.util.ArrayList<>();
        stream.path("stream").forEach(id -> {
            if (!loaded.contains(id.asLong())) {
                rest.add(id.asLong());
            }
        });
        for (int chunk = 0; chunk < MAX_CHUNKS && !rest.isEmpty(); chunk++) {
            List<Long> ids = rest.subList(Math.max(0, rest.size() - CHUNK), rest.size());
            StringBuilder query = new StringBuilder("include_raw=true");
            ids.forEach(id -> query.append("&post_ids%5B%5D=").append(id));
            found = marked(ref, GitHubPoster.json(http.send(get(ref.baseUrl() + "/t/" + ref.topicId() + "/posts.json?" + query, tokens),
                    http::standard, deadline)).path("post_stream").path("posts"), welcome);
            if (found.isPresent()) {
                return found;
            }
            ids.clear();
        }
        if (!rest.isEmpty()) {
            throw new PermanentHttpFailure(0, "more than " + (CHUNK * (MAX_CHUNKS + 1)) + " posts in topic " + ref.topicId()
                    + ": not searched for an earlier welcome, not posted");
        }
        return Optional.empty();
    }

    private static Optional<Posted> marked(Ref ref, JsonNode posts, Welcome welcome) {
        for (JsonNode post : posts) {
            String text = post.hasNonNull("raw") ? post.path("raw").asText() : post.path("cooked").asText("");
            if (text.contains(welcome.marker())) {
                return Optional.of(posted(ref, post, GitHubPoster.FOUND));
            }
        }
        return Optional.empty();
    }

    private OutboundRequest get(String url, PlatformTokens tokens) {
        return OutboundRequest.get(URI.create(url), url, headers(tokens), Set.of("Api-Key"));
    }

    private OutboundRequest request(Welcome welcome, PlatformTokens tokens) {
        Ref ref = ref(welcome.contribution()).orElseThrow();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topic_id", ref.topicId());
        body.put("raw", welcome.markedMessage());
        URI url = URI.create(ref.baseUrl() + "/posts.json");
        return OutboundRequest.postJson(url, url.toString(), headers(tokens), Set.of("Api-Key"), GitHubPoster.write(body));
    }

    private Map<String, String> headers(PlatformTokens tokens) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Api-Key", tokens.discourseApiKey() == null ? "" : tokens.discourseApiKey());
        headers.put("Api-Username", tokens.discourseApiUsername() == null ? DEFAULT_USERNAME : tokens.discourseApiUsername());
        headers.put("Accept", "application/json");
        headers.put("User-Agent", userAgent);
        return headers;
    }
}
