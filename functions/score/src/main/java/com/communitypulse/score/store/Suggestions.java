package com.communitypulse.score.store;

import com.communitypulse.score.domain.Profile;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.CommunityAction;

/**
 * Link suggestions the scorer writes after an action it recorded (docs/admin.md, Suggestions): never inside the
 * scoring transaction, and never failing the action.
 */
public interface Suggestions {
    /**
     * {@code identity} acted as {@code login} on {@code platform}, a login {@code person} (its person, as read before
     * the action) did not have yet. Looks the login up on the other platforms and suggests the people found there.
     *
     * @return the suggestions written (0 when none was new)
     */
    int newLogin(String identity, String platform, String login, Profile person);

    /**
     * What the action's context says of its actor, whatever its login: the GitHub profile a Slack message linked to
     * ({@code profile_url}), the e-mail hash a custom source gave ({@code email_hash}). Only called when
     * {@link #hasHints} and the actor is no bot.
     *
     * @return the suggestions written
     */
    default int fromContext(CommunityAction action, Profile person) {
        return 0;
    }

    /** The context carries something {@link #fromContext} reads, so it is worth calling. */
    static boolean hasHints(ActionContext context) {
        return context.githubProfiles() != null && !context.githubProfiles().isEmpty() || context.emailSha256() != null;
    }

    /** No suggestions (tests that do not look at them). */
    Suggestions NONE = (identity, platform, login, person) -> 0;
}
