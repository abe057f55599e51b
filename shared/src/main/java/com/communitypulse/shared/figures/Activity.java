package com.communitypulse.shared.figures;

import com.communitypulse.shared.model.Bots;
import java.time.Instant;

/**
 * One activity item ({@code DAY#} partition) as the scorer writes it; see
 * {@link com.communitypulse.shared.store.TableKeys}. Tier changes are activity items with
 * {@code type = tier_changed} and {@code fromTier}/{@code toTier} set.
 */
public record Activity(
        String actionId,
        String person,
        String login,
        String kind,
        String platform,
        String type,
        String repo,
        double impact,
        Instant ts,
        boolean first,
        String thread,
        String url,
        String fromTier,
        String toTier) {

    public static final String TIER_CHANGED = com.communitypulse.shared.store.TableKeys.TIER_CHANGED;

    /** Bots are recorded but never counted: by kind, and by GitHub's {@code [bot]} login suffix as a backstop. */
    public boolean isBot() {
        return Bots.isBot(kind, login);
    }

    /**
     * A contributor's own action, as opposed to a tier change the scorer recorded about them or an admin change
     * ({@code crm_id_set}) made to their data: neither makes anyone active.
     */
    public boolean isAction() {
        return !TIER_CHANGED.equals(type) && !com.communitypulse.shared.model.ActionTypes.ADMIN.contains(type);
    }

    public String displayName() {
        return login != null && !login.isBlank() ? login : person;
    }
}
