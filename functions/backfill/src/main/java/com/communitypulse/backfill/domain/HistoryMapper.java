package com.communitypulse.backfill.domain;

import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.RawDelivery;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub REST items as the webhook deliveries GitHub would have sent for them, so the normaliser makes the very
 * actions (same content-keyed ids, same fields) it makes of the live ones; each delivery is marked
 * {@code origin = backfill} (history: scored, never greeted). The payloads carry only what the normaliser reads
 * and a little more (titles, links); a body is cut to {@value #MAX_BODY} characters with {@code body__length},
 * as the webhook's own projection does for the bus.
 * <ul>
 * <li>an issue: {@code issues} {@code opened};</li>
 * <li>a pull request (an issue item with {@code pull_request}): {@code pull_request} {@code opened}, then
 *     {@code closed} with {@code merged: true} when {@code pull_request.merged_at} is set, or {@code closed}
 *     unmerged when it is closed;</li>
 * <li>an issue or PR comment: {@code issue_comment} {@code created};</li>
 * <li>a review comment (on a PR's diff): {@code pull_request_review_comment} {@code created};</li>
 * <li>a review: {@code pull_request_review} {@code submitted} (a pending one, not yet submitted, is nobody's
 *     act yet and is left out; the normaliser ignores an empty {@code commented} review, as it does live);</li>
 * <li>a stargazer ({@code application/vnd.github.star+json}): {@code star} {@code created} with {@code starred_at}.</li>
 * </ul>
 * Closing an issue is credited to whoever closed it, which the list does not say: no {@code issue_closed} from
 * history.
 */
public final class HistoryMapper {
    static final int MAX_BODY = 1000;
    private static final Pattern ISSUE_NUMBER = Pattern.compile("/issues/(\\d+)$");
    private static final Pattern PULL_NUMBER = Pattern.compile("/pulls/(\\d+)$");

    private HistoryMapper() {
    }

    /** Who opened an issue or PR, for its comments' {@code issue.user}; {@code pullRequest} when it is a PR. */
    public record Author(long number, long id, String login, String type, boolean pullRequest) {
        ObjectNode user() {
            ObjectNode user = Json.mapper().createObjectNode();
            user.put("login", login).put("id", id).put("type", type == null ? "User" : type);
            return user;
        }

        static Author of(JsonNode issue) {
            JsonNode user = issue.path("user");
            return new Author(issue.path("number").asLong(), user.path("id").asLong(), user.path("login").asText(),
                    user.path("type").asText("User"), issue.hasNonNull("pull_request"));
        }
    }

    /** The repository as the webhook payloads carry it, from {@code GET /repos/{owner}/{name}}. */
    public static ObjectNode repository(JsonNode repo) {
        ObjectNode out = Json.mapper().createObjectNode();
        for (String field : List.of("id", "name", "full_name", "html_url", "private")) {
            if (repo.has(field)) {
                out.set(field, repo.get(field));
            }
        }
        JsonNode owner = repo.path("owner");
        if (owner.isObject()) {
            ObjectNode o = out.putObject("owner");
            o.set("login", owner.path("login"));
            o.set("id", owner.path("id"));
        }
        return out;
    }

    /** An issue or PR from {@code GET /repos/{o}/{r}/issues}: its deliveries, opened first. */
    public static List<RawDelivery> issue(JsonNode item, JsonNode repository, Instant now) {
        require(item, "number", "user", "created_at");
        List<RawDelivery> out = new ArrayList<>();
        String number = item.path("number").asText();
        if (!item.hasNonNull("pull_request")) {
            ObjectNode payload = payload("opened", repository, item.path("user"));
            payload.set("issue", thread(item));
            out.add(delivery("issues", "issue_opened:" + number, payload, now));
            return out;
        }
        JsonNode pr = item.path("pull_request");
        ObjectNode opened = payload("opened", repository, item.path("user"));
        opened.put("number", item.path("number").asLong());
        opened.set("pull_request", pullRequest(item, false));
        out.add(delivery("pull_request", "pr_opened:" + number, opened, now));
        boolean merged = pr.hasNonNull("merged_at");
        if (merged || "closed".equals(item.path("state").asText())) {
            ObjectNode closed = payload("closed", repository, item.path("user"));
            closed.put("number", item.path("number").asLong());
            closed.set("pull_request", pullRequest(item, merged));
            out.add(delivery("pull_request", (merged ? "pr_merged:" : "pr_closed:") + number, closed, now));
        }
        return out;
    }

    /** A comment from {@code GET /repos/{o}/{r}/issues/comments}, on the issue or PR {@code parent}. */
    public static RawDelivery comment(JsonNode comment, Author parent, JsonNode repository, Instant now) {
        require(comment, "id", "user", "created_at");
        ObjectNode payload = payload("created", repository, comment.path("user"));
        ObjectNode issue = payload.putObject("issue");
        issue.put("number", parent.number());
        issue.set("user", parent.user());
        if (parent.pullRequest()) {
            issue.putObject("pull_request");
        }
        ObjectNode copy = Json.mapper().createObjectNode();
        for (String field : List.of("id", "html_url", "user", "created_at", "updated_at", "author_association")) {
            if (comment.has(field)) {
                copy.set(field, comment.get(field));
            }
        }
        body(comment, copy);
        payload.set("comment", copy);
        return delivery("issue_comment", "comment:" + comment.path("id").asText(), payload, now);
    }

    /** A review comment from {@code GET /repos/{o}/{r}/pulls/comments}, on the PR {@code parent}. */
    public static RawDelivery reviewComment(JsonNode comment, Author parent, JsonNode repository, Instant now) {
        require(comment, "id", "user", "created_at");
        ObjectNode payload = payload("created", repository, comment.path("user"));
        ObjectNode pr = payload.putObject("pull_request");
        pr.put("number", parent.number());
        pr.set("user", parent.user());
        ObjectNode copy = Json.mapper().createObjectNode();
        for (String field : List.of("id", "html_url", "user", "created_at", "updated_at", "author_association", "path",
                "pull_request_review_id")) {
            if (comment.has(field)) {
                copy.set(field, comment.get(field));
            }
        }
        body(comment, copy);
        payload.set("comment", copy);
        return delivery("pull_request_review_comment", "review_comment:" + comment.path("id").asText(), payload, now);
    }

    /**
     * A review from {@code GET /repos/{o}/{r}/pulls/{n}/reviews} of the PR {@code pr} (an item of the pulls list),
     * or empty when it is pending. REST says {@code APPROVED}; the webhook says {@code approved}.
     */
    public static Optional<RawDelivery> review(JsonNode review, JsonNode pr, JsonNode repository, Instant now) {
        require(review, "id", "user", "state");
        if ("PENDING".equalsIgnoreCase(review.path("state").asText()) || !review.hasNonNull("submitted_at")) {
            return Optional.empty();
        }
        require(pr, "number", "user");
        ObjectNode payload = payload("submitted", repository, review.path("user"));
        ObjectNode copy = Json.mapper().createObjectNode();
        for (String field : List.of("id", "html_url", "user", "submitted_at", "author_association", "commit_id")) {
            if (review.has(field)) {
                copy.set(field, review.get(field));
            }
        }
        copy.put("state", review.path("state").asText().toLowerCase(java.util.Locale.ROOT));
        body(review, copy);
        payload.set("review", copy);
        ObjectNode thread = payload.putObject("pull_request");
        for (String field : List.of("id", "number", "title", "html_url", "user", "state", "created_at", "updated_at")) {
            if (pr.has(field)) {
                thread.set(field, pr.get(field));
            }
        }
        return Optional.of(delivery("pull_request_review", "review:" + review.path("id").asText(), payload, now));
    }

    /** A stargazer from {@code GET /repos/{o}/{r}/stargazers} with {@code starred_at}. */
    public static RawDelivery star(JsonNode stargazer, JsonNode repository, Instant now) {
        require(stargazer, "user", "starred_at");
        ObjectNode payload = payload("created", repository, stargazer.path("user"));
        payload.set("starred_at", stargazer.get("starred_at"));
        return delivery("star", "starred:" + stargazer.path("user").path("id").asText(), payload, now);
    }

    /**
     * When the delivery's action happened (the time the normaliser gives it); an incremental run ({@code since})
     * publishes only what happened since, not older actions of an item merely updated since.
     */
    public static Instant happenedAt(RawDelivery delivery) {
        JsonNode p = delivery.payload();
        String text = switch (delivery.event()) {
            case "issues" -> p.path("issue").path("created_at").asText("");
            case "issue_comment", "pull_request_review_comment" -> p.path("comment").path("created_at").asText("");
            case "pull_request_review" -> p.path("review").path("submitted_at").asText("");
            case "star" -> p.path("starred_at").asText("");
            case "pull_request" -> "opened".equals(p.path("action").asText())
                    ? p.path("pull_request").path("created_at").asText("")
                    : p.path("pull_request").path(p.path("pull_request").path("merged").asBoolean() ? "merged_at" : "closed_at")
                    .asText("");
            default -> "";
        };
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.DateTimeException e) {
            return null; // the normaliser will say what is missing
        }
    }

    /** The issue number of a comment's {@code issue_url}. */
    public static Optional<Long> issueNumber(JsonNode comment) {
        Matcher matcher = ISSUE_NUMBER.matcher(comment.path("issue_url").asText(""));
        return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }

    /** The PR number of a review comment's {@code pull_request_url}. */
    public static Optional<Long> pullNumber(JsonNode comment) {
        Matcher matcher = PULL_NUMBER.matcher(comment.path("pull_request_url").asText(""));
        return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
    }

    public static Author author(JsonNode issue) {
        return Author.of(issue);
    }

    private static ObjectNode payload(String action, JsonNode repository, JsonNode sender) {
        ObjectNode payload = Json.mapper().createObjectNode();
        payload.put("action", action);
        payload.set("repository", repository);
        payload.set("sender", sender);
        return payload;
    }

    private static ObjectNode thread(JsonNode item) {
        ObjectNode copy = Json.mapper().createObjectNode();
        for (String field : List.of("id", "number", "title", "html_url", "user", "state", "created_at", "updated_at",
                "closed_at", "author_association")) {
            if (item.has(field)) {
                copy.set(field, item.get(field));
            }
        }
        return copy;
    }

    /** The PR as the {@code pull_request} webhook has it, from the issue item (which has {@code merged_at}). */
    private static ObjectNode pullRequest(JsonNode item, boolean merged) {
        ObjectNode pr = thread(item);
        JsonNode links = item.path("pull_request");
        if (links.hasNonNull("html_url")) {
            pr.set("html_url", links.get("html_url"));
        }
        pr.put("merged", merged);
        pr.set("merged_at", links.hasNonNull("merged_at") ? links.get("merged_at") : Json.mapper().nullNode());
        return pr;
    }

    private static void body(JsonNode from, ObjectNode to) {
        JsonNode body = from.get("body");
        if (body == null || !body.isTextual()) {
            to.set("body", body == null ? Json.mapper().nullNode() : body);
            return;
        }
        String text = body.asText();
        if (text.length() <= MAX_BODY) {
            to.put("body", text);
            return;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_BODY - 1)) ? MAX_BODY - 1 : MAX_BODY;
        to.put("body", text.substring(0, end));
        to.put("body__length", text.length());
    }

    private static RawDelivery delivery(String event, String key, ObjectNode payload, Instant now) {
        return new RawDelivery("github", event, "backfill:" + key, now.truncatedTo(ChronoUnit.MILLIS).toString(),
                Map.of("x-github-event", event), payload, null, RawDelivery.BACKFILL);
    }

    private static void require(JsonNode item, String... fields) {
        if (item == null || !item.isObject()) {
            throw new MalformedItem("a list item is not a JSON object");
        }
        for (String field : fields) {
            if (!item.hasNonNull(field)) {
                throw new MalformedItem("a list item lacks \"" + field + "\"");
            }
        }
    }

    /** An item GitHub should never send: the page is refused whole (nothing of it published). */
    public static final class MalformedItem extends RuntimeException {
        public MalformedItem(String message) {
            super(message);
        }
    }
}
