package com.communitypulse.shared.figures;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Everything the weekly digest shows, computed by {@link FigureCalculator}; bots are already left out. */
public record DigestFigures(
        IsoWeek week,
        Instant asOf,
        int activeContributors,
        int activeContributorsWeekBefore,
        int activeLast28Days,
        List<String> newContributors,
        int returningContributors,
        int prsOpened,
        int prsMerged,
        int prsClosedUnmerged,
        int threadsOpened,
        int threadsAnswered,
        Optional<Duration> medianTimeToFirstResponse,
        Optional<Duration> p90TimeToFirstResponse,
        List<OpenThread> unansweredAfter24h,
        int docsEdits,
        int totalActions,
        List<ImpactRow> topByImpact,
        List<TierPromotion> tierPromotions,
        List<HighImpactAction> highImpactActions,
        List<QuietRegular> quietRegulars,
        List<LocalDate> days,
        List<String> chartTypes,
        Map<String, int[]> dailyActionsByType,
        ResponseDebt.Figures responseDebt,
        List<BusFactor.RepoFactor> busFactor,
        BigDecimal highImpactAbove) {

    /** CHAOSS change request acceptance ratio: merged / (merged + closed unmerged); empty when both are 0. */
    public OptionalDouble acceptanceRate() {
        int decided = prsMerged + prsClosedUnmerged;
        return decided == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) prsMerged / decided);
    }

    public int activeChange() {
        return activeContributors - activeContributorsWeekBefore;
    }

    /** Nothing by anyone but bots: the digest goes out short, without a chart. */
    public boolean quietWeek() {
        return totalActions == 0;
    }

    public record ImpactRow(String person, String login, double impact, int actions) {
    }

    public record TierPromotion(String person, String login, String fromTier, String toTier, Instant at) {
    }

    public record HighImpactAction(String login, String type, String repo, String url, double impact, Instant at) {
    }

    public record QuietRegular(String person, String login, int activeWeeksOfLast4, LocalDate lastSeen) {
    }

    public record OpenThread(String thread, String repo, String url, String authorLogin, Instant openedAt) {
    }
}
