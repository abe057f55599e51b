package com.communitypulse.shared.events;

/** The bus's sources and detail types: the public contract other rules can match on. */
public final class Sources {
    public static final String WEBHOOK = "community-pulse.webhook";
    public static final String NORMALISE = "community-pulse.normalise";
    public static final String SCORE = "community-pulse.score";
    /** The backfill function's own steps (and an operator's request for one). */
    public static final String BACKFILL = "community-pulse.backfill";
    /**
     * The read API's admin writes ({@code POST /admin/people/{id}/crm}): a {@code community.action} the score
     * function applies, since the api function only reads the table.
     */
    public static final String ADMIN = "community-pulse.admin";

    public static final String ACTION = "community.action";
    public static final String FIRST_CONTRIBUTION = "contributor.first_contribution";
    public static final String TIER_CHANGED = "contributor.tier_changed";
    public static final String HIGH_IMPACT = "action.high_impact";
    /** Start (or resume) a backfill: detail {@code {"platform":"github","repository":"owner/name","since":...}}. */
    public static final String BACKFILL_REQUESTED = "backfill.requested";
    /** A backfill's next step: detail {@code {"platform","repository","step"}}, published by the backfill itself. */
    public static final String BACKFILL_CONTINUE = "backfill.continue";

    private Sources() {
    }
}
