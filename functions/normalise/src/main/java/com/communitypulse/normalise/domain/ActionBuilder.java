package com.communitypulse.normalise.domain;

import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.CommunityAction;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Set;

/** Assembles one {@link CommunityAction} for a rule; refuses to build one without key, actor or time. */
final class ActionBuilder {
    private static final Set<String> FIRST_CONTRIBUTION = Set.of("FIRST_TIME_CONTRIBUTOR", "FIRST_TIMER");
    /** GitHub's {@code author_association} values (the schema's enum); anything else is left out. */
    static final Set<String> ASSOCIATIONS = Set.of("OWNER", "MEMBER", "COLLABORATOR", "CONTRIBUTOR",
            "FIRST_TIME_CONTRIBUTOR", "FIRST_TIMER", "MANNEQUIN", "NONE");

    private final Delivery delivery;
    private final String type;
    private String key;
    private Actor actor;
    private Instant at;
    private String repo;
    private String url;
    private Integer length;
    private String association;
    private String thread;
    private String threadAuthor;
    private String target;
    private String platform;
    private java.util.List<String> githubProfiles = java.util.List.of();
    private Integer reactions;
    private java.util.List<String> references = java.util.List.of();

    private ActionBuilder(Delivery delivery, String type) {
        this.delivery = delivery;
        this.type = type;
        this.platform = delivery.platform();
    }

    static ActionBuilder action(Delivery delivery, String type) {
        return new ActionBuilder(delivery, type);
    }

    /** The readable content key the id is hashed from. */
    ActionBuilder key(String key) {
        this.key = key;
        return this;
    }

    ActionBuilder actor(Actor actor) {
        this.actor = actor;
        return this;
    }

    /** When it happened; {@code source} names the field, for the error when it is missing. */
    ActionBuilder at(Instant instant, String source) throws Unmappable {
        if (instant == null) {
            throw new Unmappable("missing or unparseable time " + source);
        }
        this.at = instant;
        return this;
    }

    /** For events with no time of their own: when the webhook received them. */
    ActionBuilder atArrival() throws Unmappable {
        return at(delivery.receivedAt(), "received_at");
    }

    ActionBuilder repo(String repo) {
        this.repo = repo;
        return this;
    }

    /** A link is optional: one that is not an absolute http(s) URL is left out rather than passed on. */
    ActionBuilder url(String url) {
        this.url = isWebUrl(url) ? url : null;
        return this;
    }

    static boolean isWebUrl(String url) {
        if (url == null || url.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    ActionBuilder length(Integer length) {
        this.length = length;
        return this;
    }

    ActionBuilder association(String association) {
        this.association = association != null && ASSOCIATIONS.contains(association) ? association : null;
        return this;
    }

    ActionBuilder thread(String thread, String threadAuthor) {
        this.thread = thread;
        this.threadAuthor = threadAuthor;
        return this;
    }

    ActionBuilder target(String target) {
        this.target = target;
        return this;
    }

    /** The GitHub logins whose profile URL the text holds ({@link GitHubProfiles}); none is left out. */
    ActionBuilder githubProfilesIn(String text) {
        this.githubProfiles = GitHubProfiles.in(text);
        return this;
    }

    /** GitHub: the {@code reactions.total_count} of the issue or comment, when the payload carries one. */
    ActionBuilder reactionsOf(com.fasterxml.jackson.databind.JsonNode object) {
        com.fasterxml.jackson.databind.JsonNode total = object == null ? null : object.path("reactions").get("total_count");
        this.reactions = total != null && total.canConvertToInt() && total.asInt() >= 0 ? total.asInt() : null;
        return this;
    }

    /** GitHub: the issues of {@code repo} the text names ({@link GitHubReferences}). */
    ActionBuilder referencesIn(String repo, String text) {
        this.references = GitHubReferences.in(repo, text);
        return this;
    }

    Normalised build() throws Unmappable {
        if (key == null || actor == null || at == null) {
            throw new Unmappable("incomplete " + type + " action (key, actor and time are required)");
        }
        Boolean first = association != null && FIRST_CONTRIBUTION.contains(association) ? Boolean.TRUE : null;
        ActionContext context = new ActionContext(platform, type, repo, null, url, length, first, association,
                thread, threadAuthor, target, delivery.deliveryId(), delivery.origin()).withGitHubProfiles(githubProfiles)
                .withThreadSignals(reactions, references);
        return new Normalised(key, new CommunityAction(CommunityAction.EVENT, Ids.of(key), actor.id(), actor.login(),
                actor.bot() ? CommunityAction.BOT : CommunityAction.USER, context, Times.format(at)));
    }
}
