package com.communitypulse.score.store;

import com.communitypulse.score.domain.Profile;

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

    /** No suggestions (tests that do not look at them). */
    Suggestions NONE = (identity, platform, login, person) -> 0;
}
