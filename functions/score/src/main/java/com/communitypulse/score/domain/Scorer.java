package com.communitypulse.score.domain;

import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.scoring.Tier;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.CommunityAction;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/** The pure scoring rules: impact, bot detection and the tier an action earns. No I/O. */
public final class Scorer {
    /** The tier an action earns, and why (the {@code reason} of {@code contributor.tier_changed}). */
    public record TierEvidence(Tier tier, String reason) {
    }

    private final ScoringConfig config;

    public Scorer(ScoringConfig config) {
        this.config = config;
    }

    public ScoringConfig config() {
        return config;
    }

    /** A bot: {@code actor_kind} bot, or a login matching one of the configured patterns. */
    public boolean isBot(CommunityAction action) {
        if (action.isBot()) {
            return true;
        }
        String login = action.actorLogin();
        if (login == null) {
            return false;
        }
        for (Pattern pattern : config.botLoginPatterns()) {
            if (pattern.matcher(login).matches()) {
                return true;
            }
        }
        return false;
    }

    /** The impact score of one action: 0 for bots and unscored types, else base + bonuses, capped. */
    public BigDecimal impact(CommunityAction action) {
        ActionContext context = action.context();
        String type = context.type();
        // admin changes (crm_id_set) are about a person's data, never their standing, whatever the config says
        if (isBot(action) || config.unscoredTypes().contains(type)
                || com.communitypulse.shared.model.ActionTypes.ADMIN.contains(type)) {
            return BigDecimal.ZERO;
        }
        BigDecimal score = config.base().add(config.typeBonus().getOrDefault(type, BigDecimal.ZERO));
        if (config.longCommentTypes().contains(type) && context.length() != null
                && context.length() > config.longCommentThreshold()) {
            score = score.add(config.longCommentBonus());
        }
        return score.min(config.cap()).stripTrailingZeros();
    }

    public boolean isHighImpact(BigDecimal impact) {
        return impact.compareTo(config.highImpactThreshold()) > 0;
    }

    /**
     * The highest tier this action is evidence for (tiers never go down, so the caller keeps the
     * maximum with the current one). Core Team and maintainers from config match an identity
     * ({@code github:583231}) or a login ({@code github:@octocat}, case-insensitive).
     */
    public TierEvidence tierEvidence(CommunityAction action) {
        String platform = action.context().platform();
        if (listed(config.coreTeam(), action)) {
            return new TierEvidence(Tier.CORE_TEAM, "listed in core_team");
        }
        if (listed(config.maintainers(), action)) {
            return new TierEvidence(Tier.MAINTAINER, "listed in maintainers");
        }
        String association = action.context().authorAssociation();
        if ("github".equals(platform) && association != null && config.maintainerAssociations().contains(association)) {
            return new TierEvidence(Tier.MAINTAINER, "github author_association " + association);
        }
        if (config.contributorTypes().contains(action.context().type())) {
            return new TierEvidence(Tier.CONTRIBUTOR, action.context().type());
        }
        return new TierEvidence(Tier.USER, action.context().type());
    }

    private static boolean listed(java.util.Set<String> list, CommunityAction action) {
        if (list.contains(action.actor())) {
            return true;
        }
        if (action.actorLogin() == null) {
            return false;
        }
        String byLogin = action.context().platform() + ":@" + action.actorLogin();
        return list.stream().anyMatch(entry -> entry.equalsIgnoreCase(byLogin));
    }
}
