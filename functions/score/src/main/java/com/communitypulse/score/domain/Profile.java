package com.communitypulse.score.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code PERSON#…/PROFILE} item as read before a transaction. {@code version} 0 with
 * {@code exists} false means no item yet (the transaction then requires that it still does not exist).
 */
public record Profile(
        String id,
        boolean exists,
        long version,
        String linkedTo,
        String login,
        String platform,
        String kind,
        BigDecimal score,
        String tier,
        List<TierStep> tierHistory,
        Instant firstSeen,
        Instant lastActive,
        Set<String> identities,
        Set<String> logins,
        Set<String> acted,
        Set<String> platforms,
        Map<String, Long> counts,
        Map<String, Long> tallies,
        String crmId,
        Instant crmIdAt) {

    /** Without a CRM id ever set. */
    public Profile(String id, boolean exists, long version, String linkedTo, String login, String platform, String kind,
                   BigDecimal score, String tier, List<TierStep> tierHistory, Instant firstSeen, Instant lastActive,
                   Set<String> identities, Set<String> logins, Set<String> acted, Set<String> platforms,
                   Map<String, Long> counts, Map<String, Long> tallies) {
        this(id, exists, version, linkedTo, login, platform, kind, score, tier, tierHistory, firstSeen, lastActive,
                identities, logins, acted, platforms, counts, tallies, null, null);
    }

    /**
     * One entry of {@code tier_history}: the tier, since when, and why ({@code reason}, absent on entries
     * written before reasons were kept).
     */
    public record TierStep(String tier, String at, String reason) {
        public TierStep(String tier, String at) {
            this(tier, at, null);
        }
    }

    /** Without the breakdown tallies ({@link ScoreBreakdown}). */
    public Profile(String id, boolean exists, long version, String linkedTo, String login, String platform, String kind,
                   BigDecimal score, String tier, List<TierStep> tierHistory, Instant firstSeen, Instant lastActive,
                   Set<String> identities, Set<String> logins, Set<String> acted, Set<String> platforms,
                   Map<String, Long> counts) {
        this(id, exists, version, linkedTo, login, platform, kind, score, tier, tierHistory, firstSeen, lastActive,
                identities, logins, acted, platforms, counts, Map.of());
    }

    public static Profile absent(String id) {
        return new Profile(id, false, 0, null, null, null, null, BigDecimal.ZERO, null, List.of(), null, null,
                Set.of(), Set.of(), Set.of(), Set.of(), Map.of(), Map.of(), null, null);
    }

    public boolean isLink() {
        return linkedTo != null;
    }
}
