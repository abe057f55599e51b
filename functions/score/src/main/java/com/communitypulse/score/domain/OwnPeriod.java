package com.communitypulse.score.domain;

import java.math.BigDecimal;
import java.util.Set;

/**
 * A linked identity's own part of its person's period ({@code OWN#WEEK#…} or {@code OWN#MONTH#…}): what its own
 * {@code WEEK#}/{@code MONTH#} item would hold had it never been linked, for an unlink to put back.
 *
 * @param periodSortKey the period item it belongs to, {@code WEEK#2026-W47} or {@code MONTH#2026-11}
 * @param board         the board that item goes back on ({@code LB#WEEK#2026-W47}), null for a bot's
 */
public record OwnPeriod(String periodSortKey, BigDecimal score, Set<String> days, String login, String platform,
                        String kind, String tier, String board, Long expiresAt) {
}
