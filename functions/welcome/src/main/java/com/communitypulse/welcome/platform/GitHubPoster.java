package com.communitypulse.welcome.platform;

import com.communitypulse.shared.json.Json;
import com.communitypulse.welcome.domain.FirstContribution;
import com.communitypulse.welcome.domain.Welcome;
import com.communitypulse.welcome.platform.http.OutboundRequest;
import com.communitypulse.welcome.platform.http.PermanentHttpFailure;
import com.communitypulse.welcome.platform.http.RetryingHttp;
import com.communitypulse.welcome.platform.http.Verdict;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub (and GitHub Enterprise Server): a comment on the issue or pull request through REST, or on
 * the discussion through GraphQL's {@code addDiscussionComment}. The action carries the discussion's
 * number, not its node id, so a discussion costs one GraphQL query for the id, then the mutation.
 * Labels (optional) are added before the comment: adding a label twice is harmless. A comment is not:
 * GitHub may create it and still answer 502, so every message carries a hidden marker and the thread's
 * comments are read for it before the first attempt and before each retry.
 */
public final class GitHubPoster implements Poster {
    private static final Logger LOG = LoggerFactory.getLogger(GitHubPoster.class);
    private static final Pattern THREAD = Pattern.compile("^github:([^/#\\s]+/[^/#\\s]+)#(\\d+)$");
    private static final Pattern URL = Pattern.compile("^https?://[^/]+/([^/]+/[^/]+)/(issues|pull|discussions)/(\\d+)");
    /** The discussion's node id, and its newest comments: an earlier attempt's welcome is among them. */
    static final String LOOKUP = "query($owner:String!,$name:String!,$number:Int!)"
            + "{repository(owner:$owner,name:$name){discussion(number:$number){id comments(last:100){nodes{id url body}}}}}";
    /** Pages of 100 comments read at most when looking for an earlier welcome. */
    static final int MAX_PAGES = 10;
    static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    static final String MUTATION = "mutation($discussionId:ID!,$body:String!)"
            + "{addDiscussionComment(input:{discussionId:$discussionId,body:$body}){comment{id url}}}";

    private final URI apiUrl;
    private final URI graphqlUrl;
    private final String userAgent;
    private final RetryingHttp http;
    private final GitHubAppTokens app;

    /** Where a welcome goes: {@code owner/repo}, the number, and whether it is a discussion. */
    record Ref(String repo, int number, boolean discussion) {
        String owner() {
            return repo.substring(0, repo.indexOf('/'));
        }

        String name() {
            return repo.substring(repo.indexOf('/') + 1);
        }
    }

    public GitHubPoster(String apiUrl, String userAgent, RetryingHttp http) {
        String base = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.apiUrl = URI.create(base);
        // github.com: api.github.com/graphql; Enterprise Server: https://HOST/api/v3 -> https://HOST/api/graphql
        this.graphqlUrl = URI.create(base.endsWith("/api/v3") ? base.substring(0, base.length() - 3) + "/graphql" : base + "/graphql");
        this.userAgent = userAgent;
        this.http = http;
        this.app = new GitHubAppTokens(this.apiUrl, userAgent, http);
    }

    URI apiUrl() {
        return apiUrl;
    }

    RetryingHttp http() {
        return http;
    }

    @Override
    public String platform() {
        return "github";
    }

    @Override
    public Optional<String> noTarget(FirstContribution contribution) {
        return ref(contribution).isPresent() ? Optional.empty()
                : Optional.of("no issue, pull request or discussion to comment on (type "
                + contribution.context().type() + ")");
    }

    @Override
    public String mention(FirstContribution contribution) {
        return "@" + contribution.login();
    }

    @Override
    public boolean hasCredentials(PlatformTokens tokens) {
        return (tokens.githubToken() != null && !tokens.githubToken().isBlank()) || tokens.hasGitHubApp();
    }

    /** A personal (or fine-grained) token when set, else the GitHub App's installation token. */
    String token(PlatformTokens tokens, Ref ref, Instant deadline) {
        if (tokens.githubToken() != null && !tokens.githubToken().isBlank()) {
            return tokens.githubToken();
        }
        return app.token(tokens, ref.owner(), ref.name(), deadline);
    }

    static Optional<Ref> ref(FirstContribution contribution) {
        var context = contribution.context();
        String url = context.url() == null ? "" : context.url();
        boolean discussion = url.contains("/discussions/")
                || (context.type() != null && context.type().startsWith("discussion"));
        if (context.thread() != null) {
            Matcher m = THREAD.matcher(context.thread());
            if (m.matches()) {
                return Optional.of(new Ref(m.group(1), Integer.parseInt(m.group(2)), discussion));
            }
        }
        Matcher m = URL.matcher(url);
        if (m.find()) {
            return Optional.of(new Ref(m.group(1), Integer.parseInt(m.group(3)), "discussions".equals(m.group(2))));
        }
        return Optional.empty();
    }

    @Override
    public List<OutboundRequest> plan(Welcome welcome, PlatformTokens tokens) {
        Ref ref = ref(welcome.contribution()).orElseThrow();
        String token = tokens.githubToken();
        List<OutboundRequest> requests = new ArrayList<>();
        if (ref.discussion()) {
            requests.add(lookupRequest(ref, token));
            requests.add(mutationRequest("<node id of " + ref.repo() + " discussion #" + ref.number()
                    + ", from the query above>", welcome.markedMessage(), token));
        } else {
            if (!welcome.labels().isEmpty()) {
                requests.add(labelsRequest(ref, welcome.labels(), token));
            }
            requests.add(commentRequest(ref, welcome.markedMessage(), token));
        }
        return requests;
    }

    @Override
    public Posted post(Welcome welcome, PlatformTokens tokens, Instant deadline) {
        Ref ref = ref(welcome.contribution()).orElseThrow();
        String token = token(tokens, ref, deadline);
        if (ref.discussion()) {
            JsonNode discussion = lookup(ref, token, deadline);
            JsonNode id = discussion.path("id");
            if (!id.isTextual()) {
                throw new PermanentHttpFailure(0, "discussion " + ref.repo() + "#" + ref.number() + " not found");
            }
            // the first attempt uses the lookup just made; each retry looks again
            boolean[] fresh = {true};
            return http.sendOnce(mutationRequest(id.asText(), welcome.markedMessage(), token), this::graphql, deadline,
                    () -> marked(fresh[0] ? discussion : lookup(ref, token, deadline), welcome, fresh),
                    response -> {
                        JsonNode comment = json(response).path("data").path("addDiscussionComment").path("comment");
                        return new Posted(comment.path("id").asText(null), comment.path("url").asText(null), null);
                    });
        }
        String note = null;
        if (!welcome.labels().isEmpty()) {
            try {
                http.send(labelsRequest(ref, welcome.labels(), token), http::standard, deadline);
            } catch (PermanentHttpFailure refused) {
                // The welcome matters more than the label: note it and go on.
                note = "labels not added: " + refused.getMessage();
                LOG.warn("Labels not added to {}#{}: {}", ref.repo(), ref.number(), refused.getMessage());
            }
        }
        String labelsNote = note;
        return http.sendOnce(commentRequest(ref, welcome.markedMessage(), token), http::standard, deadline,
                () -> findComment(ref, welcome, token, deadline).map(p -> new Posted(p.id(), p.url(), join(labelsNote, p.note()))),
                response -> {
                    JsonNode comment = json(response);
                    return new Posted(comment.path("id").asText(null), comment.path("html_url").asText(null), labelsNote);
                });
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + "; " + b;
    }

    private JsonNode lookup(Ref ref, String token, Instant deadline) {
        return json(http.send(lookupRequest(ref, token), this::graphql, deadline))
                .path("data").path("repository").path("discussion");
    }

    private static Optional<Posted> marked(JsonNode discussion, Welcome welcome, boolean[] fresh) {
        fresh[0] = false;
        for (JsonNode comment : discussion.path("comments").path("nodes")) {
            if (comment.path("body").asText("").contains(welcome.marker())) {
                return Optional.of(new Posted(comment.path("id").asText(null), comment.path("url").asText(null), FOUND));
            }
        }
        return Optional.empty();
    }

    static final String FOUND = "found already posted (an earlier attempt's answer was lost)";

    /**
     * Our comment from an earlier attempt, found by its marker. Only comments updated since the action are
     * listed ({@code since}): the welcome answers the action, so it is newer, and a long thread's old pages
     * are skipped. GitHub lists oldest first, so the next pages are followed, up to {@link #MAX_PAGES}.
     */
    Optional<Posted> findComment(Ref ref, Welcome welcome, String token, Instant deadline) {
        String since = since(welcome.contribution().action().timestamp());
        URI url = URI.create(apiUrl + "/repos/" + ref.repo() + "/issues/" + ref.number() + "/comments?per_page=100"
                + (since == null ? "" : "&since=" + since));
        for (int page = 1; page <= MAX_PAGES; page++) {
            HttpResponse<String> response = http.send(get(url, token), http::standard, deadline);
            for (JsonNode comment : json(response)) {
                if (comment.path("body").asText("").contains(welcome.marker())) {
                    return Optional.of(new Posted(comment.path("id").asText(null), comment.path("html_url").asText(null), FOUND));
                }
            }
            URI current = url;
            Optional<URI> next = response.headers().firstValue("link").map(NEXT::matcher).filter(Matcher::find)
                    .map(m -> current.resolve(m.group(1))).filter(u -> sameOrigin(u, apiUrl));
            if (next.isEmpty()) {
                return Optional.empty();
            }
            url = next.get();
        }
        // Not posting blind: a thread this busy since the action is better left unwelcomed than welcomed twice.
        throw new PermanentHttpFailure(0, "more than " + (MAX_PAGES * 100) + " comments on " + ref.repo() + "#" + ref.number()
                + " since the action: not searched for an earlier welcome, not posted");
    }

    /** A minute before the action (clock skew), as GitHub's ISO-8601 {@code since}; null when unknown. */
    static String since(String timestamp) {
        if (timestamp == null) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(timestamp).toInstant().minusSeconds(60)
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return java.util.Objects.equals(a.getScheme(), b.getScheme()) && java.util.Objects.equals(a.getHost(), b.getHost())
                && a.getPort() == b.getPort();
    }

    OutboundRequest get(URI url, String token) {
        OutboundRequest post = rest(url, Map.of(), token);
        Map<String, String> headers = new LinkedHashMap<>(post.headers());
        headers.remove("Content-Type");
        return OutboundRequest.get(url, url.toString(), headers, Set.of("Authorization"));
    }

    /** GraphQL answers 200 with {@code errors}: RATE_LIMITED is transient, anything else is permanent. */
    Verdict graphql(HttpResponse<String> response) {
        Verdict status = http.standard(response);
        if (!(status instanceof Verdict.Success)) {
            return status;
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            return new Verdict.Retry(null, "GraphQL answer is not JSON");
        }
        JsonNode errors = body.path("errors");
        if (!errors.isArray() || errors.isEmpty()) {
            return Verdict.SUCCESS;
        }
        for (JsonNode error : errors) {
            if ("RATE_LIMITED".equals(error.path("type").asText())) {
                Duration wait = response.headers().firstValue("x-ratelimit-reset")
                        .filter(reset -> reset.trim().matches("\\d{1,12}"))
                        .map(reset -> Duration.between(http.clock().instant(), Instant.ofEpochSecond(Long.parseLong(reset.trim()))))
                        .map(d -> d.isNegative() ? Duration.ZERO : d.plusSeconds(1)).orElse(null);
                return new Verdict.Retry(wait, "GraphQL RATE_LIMITED");
            }
        }
        String message = errors.get(0).path("message").asText("unknown error");
        return new Verdict.Permanent("GraphQL " + errors.get(0).path("type").asText("error") + ": "
                + (message.length() > 200 ? message.substring(0, 200) : message));
    }

    private OutboundRequest commentRequest(Ref ref, String message, String token) {
        return rest(URI.create(apiUrl + "/repos/" + ref.repo() + "/issues/" + ref.number() + "/comments"),
                Map.of("body", message), token);
    }

    private OutboundRequest labelsRequest(Ref ref, List<String> labels, String token) {
        return rest(URI.create(apiUrl + "/repos/" + ref.repo() + "/issues/" + ref.number() + "/labels"),
                Map.of("labels", labels), token);
    }

    private OutboundRequest lookupRequest(Ref ref, String token) {
        return graphqlRequest(LOOKUP, Map.of("owner", ref.owner(), "name", ref.name(), "number", ref.number()), token);
    }

    private OutboundRequest mutationRequest(String discussionId, String message, String token) {
        return graphqlRequest(MUTATION, Map.of("discussionId", discussionId, "body", message), token);
    }

    private OutboundRequest graphqlRequest(String query, Map<String, Object> variables, String token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", new java.util.TreeMap<>(variables));
        return rest(graphqlUrl, body, token);
    }

    OutboundRequest rest(URI url, Map<String, ?> body, String token) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + (token == null ? "" : token));
        headers.put("Accept", "application/vnd.github+json");
        headers.put("X-GitHub-Api-Version", "2022-11-28");
        headers.put("User-Agent", userAgent);
        return OutboundRequest.postJson(url, url.toString(), headers, Set.of("Authorization"), write(body));
    }

    static String write(Object body) {
        try {
            return Json.mapper().writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            String body = response.body();
            return body == null || body.isBlank() ? Json.mapper().createObjectNode() : Json.mapper().readTree(body);
        } catch (IOException e) {
            // Posted, but the answer is unreadable: keep the welcome as sent without an id.
            ObjectNode empty = Json.mapper().createObjectNode();
            return empty;
        }
    }
}
