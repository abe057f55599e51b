package com.communitypulse.testkit;

import com.communitypulse.shared.model.ActionTypes;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.scoring.ScoringConfig;
import com.communitypulse.shared.store.ItemAttributes.ActionGuardItem;
import com.communitypulse.shared.store.ItemAttributes.ActivityItem;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.Items.Item;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A {@code DAY#} activity item as the score function writes it ({@link Items#activity}, {@link Items#tierChange},
 * {@link Items#link}), with the action's {@code ACTION#} guard (a tier change has none: it is the action's
 * second item). Its day is the time's UTC date; the bus-event outbox ({@code events}, {@code has_events}) is
 * left out: once published, readers see nothing of it.
 */
public final class ActivityItems {
    private enum Shape { ACTION, TIER_CHANGE, LINK }

    private final Shape shape;
    private final String actionId;
    private final String ts;
    private String person;
    private String actor;
    private String login;
    private String kind = CommunityAction.USER;
    private String platform;
    private String type;
    private String repo;
    private BigDecimal impact = BigDecimal.ZERO;
    private boolean first;
    private String thread;
    private String url;
    private Integer length;
    private String authorAssociation;
    private String configVersion = ScoringConfig.defaults().version();
    private String fromTier;
    private String toTier;
    private String reason;
    private String target;
    private String linkResult;
    private Long expiresAt;

    private ActivityItems(Shape shape, String actionId, String ts) {
        this.shape = shape;
        this.actionId = actionId;
        this.ts = Instant.parse(ts).toString();
    }

    static ActivityItems action(String actionId, String ts) {
        return new ActivityItems(Shape.ACTION, actionId, ts);
    }

    static ActivityItems tierChange(String actionId, String ts, String from, String to, String reason) {
        ActivityItems item = new ActivityItems(Shape.TIER_CHANGE, actionId, ts);
        item.type = TableKeys.TIER_CHANGED;
        item.fromTier = from;
        item.toTier = to;
        item.reason = reason;
        return item;
    }

    static ActivityItems link(String actionId, String ts, String target, String result) {
        ActivityItems item = new ActivityItems(Shape.LINK, actionId, ts);
        item.type = ActionTypes.IDENTITY_LINKED;
        item.target = target;
        item.linkResult = result;
        return item;
    }

    /** The actor (also the person, unless {@link #person}), its login and its platform. */
    public ActivityItems by(String identity, String login) {
        this.actor = identity;
        this.person = person == null ? identity : person;
        this.login = login;
        this.platform = identity.substring(0, identity.indexOf(':'));
        return this;
    }

    /** The person it counted for, when not the actor (an identity already linked, or a link's target person). */
    public ActivityItems person(String person) {
        this.person = person;
        return this;
    }

    public ActivityItems bot() {
        this.kind = CommunityAction.BOT;
        return this;
    }

    public ActivityItems platform(String platform) {
        this.platform = platform;
        return this;
    }

    public ActivityItems type(String type) {
        this.type = type;
        return this;
    }

    public ActivityItems repo(String repo) {
        this.repo = repo;
        return this;
    }

    /** The points it earned (0 by default: bots, unscored types). */
    public ActivityItems impact(String points) {
        this.impact = new BigDecimal(points);
        return this;
    }

    /** The person's first action ever. */
    public ActivityItems first() {
        this.first = true;
        return this;
    }

    public ActivityItems thread(String thread) {
        this.thread = thread;
        return this;
    }

    public ActivityItems url(String url) {
        this.url = url;
        return this;
    }

    public ActivityItems length(int length) {
        this.length = length;
        return this;
    }

    public ActivityItems authorAssociation(String association) {
        this.authorAssociation = association;
        return this;
    }

    /** The version of the scoring config that scored it (default: the default config's). */
    public ActivityItems configVersion(String version) {
        this.configVersion = version;
        return this;
    }

    /** {@code expires_at} (default: the time plus {@link Items#RETENTION}). */
    public ActivityItems expiresAt(long epochSeconds) {
        this.expiresAt = epochSeconds;
        return this;
    }

    /** The {@code DAY#} partition's date. */
    public LocalDate day() {
        return Instant.parse(ts).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** The activity item's sort key. */
    public String sortKey() {
        String sk = TableKeys.activitySortKey(ts, actionId);
        return shape == Shape.TIER_CHANGE ? sk + ActivityItem.TIER_CHANGE_SUFFIX : sk;
    }

    /** The activity item, then (but for a tier change) its guard. */
    public List<Map<String, AttributeValue>> items() {
        long ttl = expiresAt != null ? expiresAt : Items.expiresAt(ts);
        Item activity = new Item(TableKeys.day(day()), sortKey()).s(ActivityItem.ACTION_ID, actionId)
                .s(ActivityItem.PERSON, person).s(ActivityItem.ACTOR, actor).s(ActivityItem.LOGIN, login)
                .s(ActivityItem.KIND, kind).s(ActivityItem.PLATFORM, platform).s(ActivityItem.TYPE, type);
        switch (shape) {
            case ACTION -> activity.s(ActivityItem.REPO, repo).n(ActivityItem.IMPACT, impact).s(ActivityItem.TS, ts)
                    .bool(ActivityItem.FIRST, first).s(ActivityItem.THREAD, thread).s(ActivityItem.URL, url)
                    .n(ActivityItem.LENGTH, length).s(ActivityItem.AUTHOR_ASSOCIATION, authorAssociation)
                    .s(ActivityItem.CONFIG_VERSION, configVersion);
            case TIER_CHANGE -> activity.s(ActivityItem.FROM_TIER, fromTier).s(ActivityItem.TO_TIER, toTier)
                    .s(ActivityItem.REASON, reason).n(ActivityItem.IMPACT, BigDecimal.ZERO).s(ActivityItem.TS, ts);
            case LINK -> activity.n(ActivityItem.IMPACT, BigDecimal.ZERO).s(ActivityItem.TS, ts)
                    .bool(ActivityItem.FIRST, false).s(ActivityItem.TARGET, target)
                    .s(ActivityItem.LINK_RESULT, linkResult);
        }
        activity.n(ActivityItem.EXPIRES_AT, ttl);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        items.add(activity.attributes);
        if (shape != Shape.TIER_CHANGE) {
            items.add(new Item(TableKeys.action(actionId), TableKeys.ACTION).s(ActionGuardItem.DAY, day().toString())
                    .s(ActionGuardItem.ACTIVITY_SK, sortKey()).bool(ActionGuardItem.HAS_EVENTS, false)
                    .n(ActionGuardItem.EXPIRES_AT, ttl).attributes);
        }
        return items;
    }

    public void put(DynamoDbClient client, String table) {
        Items.put(client, table, items());
    }
}
