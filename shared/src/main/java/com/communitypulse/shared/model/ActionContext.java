package com.communitypulse.shared.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where and what an action was.
 *
 * @param platform            {@code github | discourse | discord | slack | custom}
 * @param type                one of {@link ActionTypes}
 * @param repo                repository full name, Discourse category, Slack/Discord channel
 * @param impactScore         set by the scorer (0..1), null before scoring
 * @param url                 link to the thing on the platform, if any
 * @param length              characters of the body for comments, replies and messages
 * @param isFirstContribution the platform says so (e.g. GitHub {@code FIRST_TIME_CONTRIBUTOR})
 * @param authorAssociation   GitHub's {@code author_association}, when given
 * @param thread              the issue, PR, topic or thread this belongs to, e.g. {@code github:octo/hello#7},
 *                            used for time to first response
 * @param threadAuthor        the actor id of whoever opened that thread, when known
 * @param target              for {@code kudos_given}: who receives the kudos; for {@code identity_linked}:
 *                            the identity being linked to the actor
 * @param deliveryId          the platform's delivery id this action came from, for correlation in logs
 * @param origin              absent for live actions; {@code backfill} for history the backfill function rebuilt
 *                            from the platform's API: scored and recorded, never welcomed nor celebrated
 * @param by                  admin actions ({@link ActionTypes#ADMIN}): who asked for the change, as the admin
 *                            API's caller or the custom source names them
 * @param why                 admin actions: why, when given
 * @param githubProfiles      Slack messages: the GitHub logins whose profile URL ({@code https://github.com/<login>})
 *                            the message holds, at most 5, as written; the scorer suggests the poster is that person
 * @param emailSha256         custom sources: lower-case hex SHA-256 of the person's e-mail address (trimmed, lower
 *                            case), never the address; the scorer suggests identities with the same one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActionContext(
        String platform,
        String type,
        String repo,
        @JsonProperty("impact_score") Double impactScore,
        String url,
        Integer length,
        @JsonProperty("is_first_contribution") Boolean isFirstContribution,
        @JsonProperty("author_association") String authorAssociation,
        String thread,
        @JsonProperty("thread_author") String threadAuthor,
        String target,
        @JsonProperty("delivery_id") String deliveryId,
        String origin,
        String by,
        String why,
        @JsonProperty("github_profiles") java.util.List<String> githubProfiles,
        @JsonProperty("email_sha256") String emailSha256,
        Integer reactions,
        java.util.List<String> references) {

    /** Without the GitHub thread signals ({@code reactions}, {@code references}). */
    public ActionContext(String platform, String type, String repo, Double impactScore, String url, Integer length,
                         Boolean isFirstContribution, String authorAssociation, String thread, String threadAuthor,
                         String target, String deliveryId, String origin, String by, String why,
                         java.util.List<String> githubProfiles, String emailSha256) {
        this(platform, type, repo, impactScore, url, length, isFirstContribution, authorAssociation, thread,
                threadAuthor, target, deliveryId, origin, by, why, githubProfiles, emailSha256, null, null);
    }

    /** Without the identity hints ({@code github_profiles}, {@code email_sha256}). */
    public ActionContext(String platform, String type, String repo, Double impactScore, String url, Integer length,
                         Boolean isFirstContribution, String authorAssociation, String thread, String threadAuthor,
                         String target, String deliveryId, String origin, String by, String why) {
        this(platform, type, repo, impactScore, url, length, isFirstContribution, authorAssociation, thread,
                threadAuthor, target, deliveryId, origin, by, why, null, null);
    }

    /** Any action but an admin one (no {@code by}/{@code why}). */
    public ActionContext(String platform, String type, String repo, Double impactScore, String url, Integer length,
                         Boolean isFirstContribution, String authorAssociation, String thread, String threadAuthor,
                         String target, String deliveryId, String origin) {
        this(platform, type, repo, impactScore, url, length, isFirstContribution, authorAssociation, thread,
                threadAuthor, target, deliveryId, origin, null, null);
    }

    /** An admin action ({@link ActionTypes#ADMIN}): what, on which platform, the target, who asked and why. */
    public static ActionContext admin(String platform, String type, String target, String by, String why) {
        return new ActionContext(platform, type, null, null, null, null, null, null, null, null, target, null, null,
                by, why);
    }

    /** A live action (no origin). */
    public ActionContext(String platform, String type, String repo, Double impactScore, String url, Integer length,
                         Boolean isFirstContribution, String authorAssociation, String thread, String threadAuthor,
                         String target, String deliveryId) {
        this(platform, type, repo, impactScore, url, length, isFirstContribution, authorAssociation, thread,
                threadAuthor, target, deliveryId, null);
    }

    /** History rebuilt by the backfill function ({@code origin = backfill}): never greeted. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isHistory() {
        return RawDelivery.BACKFILL.equals(origin);
    }

    public ActionContext withThreadAuthor(String author) {
        return new ActionContext(platform, type, repo, impactScore, url, length, isFirstContribution,
                authorAssociation, thread, author, target, deliveryId, origin, by, why, githubProfiles, emailSha256, reactions, references);
    }

    public ActionContext withImpactScore(double score) {
        return new ActionContext(platform, type, repo, score, url, length, isFirstContribution,
                authorAssociation, thread, threadAuthor, target, deliveryId, origin, by, why, githubProfiles, emailSha256, reactions, references);
    }

    /** With the GitHub profiles a message links to (Slack), for the {@code profile_url} suggestion. */
    public ActionContext withGitHubProfiles(java.util.List<String> profiles) {
        return new ActionContext(platform, type, repo, impactScore, url, length, isFirstContribution,
                authorAssociation, thread, threadAuthor, target, deliveryId, origin, by, why,
                profiles == null || profiles.isEmpty() ? null : java.util.List.copyOf(profiles), emailSha256, reactions,
                references);
    }

    /** With an e-mail hash (custom sources), for the {@code email_hash} suggestion. */
    public ActionContext withEmailSha256(String hash) {
        return new ActionContext(platform, type, repo, impactScore, url, length, isFirstContribution,
                authorAssociation, thread, threadAuthor, target, deliveryId, origin, by, why, githubProfiles, hash, reactions, references);
    }

    /** With a GitHub issue's or comment's reaction total and the issues a PR or comment names (docs/signal.md). */
    public ActionContext withThreadSignals(Integer reactionTotal, java.util.List<String> refs) {
        return new ActionContext(platform, type, repo, impactScore, url, length, isFirstContribution,
                authorAssociation, thread, threadAuthor, target, deliveryId, origin, by, why, githubProfiles,
                emailSha256, reactionTotal, refs == null || refs.isEmpty() ? null : java.util.List.copyOf(refs));
    }
}
