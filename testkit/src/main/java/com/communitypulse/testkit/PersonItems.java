package com.communitypulse.testkit;

import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.scoring.ScoreBreakdown;
import com.communitypulse.shared.store.ItemAttributes.LinkItem;
import com.communitypulse.shared.store.ItemAttributes.LoginItem;
import com.communitypulse.shared.store.ItemAttributes.PeriodItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.communitypulse.shared.store.TableKeys;
import com.communitypulse.testkit.Items.Item;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A person's items as the score function leaves them ({@link Items#person}): the {@code PROFILE} (with the
 * all-time board's {@code lb_pk}/{@code lb_score} for people, never bots), one {@code WEEK#}/{@code MONTH#} item
 * per {@link #week}/{@link #month} (with their boards), and the {@code LOGIN#} item of the login. The person's
 * own identity is always one of its {@code identities}; {@link #identity} adds a linked one. With
 * {@link #linkedTo} the {@code PROFILE} is instead a linked identity's pointer to its person.
 */
public final class PersonItems {
    private final String id;
    private String login;
    private String platform;
    private String kind = CommunityAction.USER;
    private BigDecimal score = BigDecimal.ZERO;
    private BigDecimal boardScore;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final List<String[]> steps = new ArrayList<>();
    private String firstSeen;
    private String lastActive;
    private final Set<String> identities = new LinkedHashSet<>();
    private final Set<String> platforms = new LinkedHashSet<>();
    private final Set<String> logins = new LinkedHashSet<>();
    private Set<String> acted;
    private long version = 1;
    private String welcomedAt;
    private String crmId;
    private String linkedTo;
    private String linkedAt;
    private Long expiresAt;
    private final List<String[]> periods = new ArrayList<>();
    private final Map<String, String> periodTiers = new LinkedHashMap<>();

    PersonItems(String id) {
        this.id = id;
        this.platform = platformOf(id);
        identities.add(id);
        platforms.add(platform);
    }

    /** The display login (the primary identity's); also its {@code LOGIN#} item and {@code logins} entry. */
    public PersonItems login(String login) {
        this.login = login;
        return this;
    }

    /** The person's platform, when not that of the id. */
    public PersonItems platform(String platform) {
        this.platform = platform;
        return this;
    }

    /** A bot: {@code kind} bot, no tier and on no board. */
    public PersonItems bot() {
        this.kind = CommunityAction.BOT;
        return this;
    }

    /** The points earned ({@code score}); the all-time board ranks them too unless {@link #allTimeBoardScore}. */
    public PersonItems score(String points) {
        this.score = new BigDecimal(points);
        return this;
    }

    /** The all-time board's {@code lb_score} when it is not {@code score}: the decayed total, with decay on. */
    public PersonItems allTimeBoardScore(String points) {
        this.boardScore = new BigDecimal(points);
        return this;
    }

    /** {@code c_<type>}: how many actions of the type (bots' included). */
    public PersonItems count(String type, long n) {
        counts.put(ProfileItem.count(type), n);
        return this;
    }

    /** A score breakdown tally: {@code n} actions of {@code type} on {@code platform} in {@code month}, each worth {@code weight}. */
    public PersonItems tally(String month, String platform, String type, String weight, long n) {
        counts.put(ScoreBreakdown.attribute(YearMonth.parse(month), platform, type, new BigDecimal(weight)), n);
        return this;
    }

    /** A {@code tier_history} step, oldest first; the last one is the person's {@code tier}. {@code reason} may be null. */
    public PersonItems tier(String tier, String at, String reason) {
        steps.add(new String[] {tier, at, reason});
        return this;
    }

    /** The tier the {@code WEEK#} or {@code MONTH#} item of {@code period} shows (its last write's) when not the current one. */
    public PersonItems tierIn(String period, String tier) {
        periodTiers.put(period, tier);
        return this;
    }

    public PersonItems firstSeen(String ts) {
        this.firstSeen = ts;
        return this;
    }

    /** The latest action's time; also the default TTL's start for the period items. */
    public PersonItems lastActive(String ts) {
        this.lastActive = ts;
        return this;
    }

    /** Another identity linked into this person, with its login: {@code identities}, {@code platforms}, {@code logins}. */
    public PersonItems identity(String identity, String login) {
        identities.add(identity);
        platforms.add(platformOf(identity));
        if (login != null) {
            logins.add(loginKey(platformOf(identity), login));
        }
        return this;
    }

    /** The identities that have acted ({@code acted}), when not all of {@code identities}. */
    public PersonItems acted(String... identities) {
        this.acted = new LinkedHashSet<>(List.of(identities));
        return this;
    }

    public PersonItems version(long version) {
        this.version = version;
        return this;
    }

    public PersonItems welcomedAt(String ts) {
        this.welcomedAt = ts;
        return this;
    }

    /** The person's CRM id, as a {@code crm_id_set} action leaves it. */
    public PersonItems crmId(String crmId) {
        this.crmId = crmId;
        return this;
    }

    /** This identity is linked into {@code person} (at {@code at}): its PROFILE only points there. */
    public PersonItems linkedTo(String person, String at) {
        this.linkedTo = person;
        this.linkedAt = at;
        return this;
    }

    /** The period items' {@code expires_at} (default: {@link #lastActive} plus {@link Items#RETENTION}). */
    public PersonItems expiresAt(long epochSeconds) {
        this.expiresAt = epochSeconds;
        return this;
    }

    /**
     * The {@code WEEK#} item of an ISO week ({@code 2026-W47}): its points and the days with a {@code DAY#} item.
     * Null points: a week with days but nothing scored (only a review's demotion or a link): {@code id}, {@code days}
     * and the TTL.
     */
    public PersonItems week(String isoWeek, String points, String... days) {
        String[] period = new String[days.length + 2];
        period[0] = isoWeek;
        period[1] = points;
        System.arraycopy(days, 0, period, 2, days.length);
        periods.add(period);
        return this;
    }

    /** The {@code MONTH#} item of a month ({@code 2026-11}): its points (people only, as the scorer writes them). */
    public PersonItems month(String month, String points) {
        periods.add(new String[] {month, points});
        return this;
    }

    /** Every item, in the order {@link #put} writes them. */
    public List<Map<String, AttributeValue>> items() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        items.add(linkedTo == null ? profile() : link());
        for (String[] period : periods) {
            items.add(period(period));
        }
        if (login != null) {
            items.add(new Item(TableKeys.login(platform, login), TableKeys.LOGIN).s(LoginItem.IDENTITY, id)
                    .s(LoginItem.LOGIN, login).s(LoginItem.PLATFORM, platform).attributes);
        }
        return items;
    }

    public void put(DynamoDbClient client, String table) {
        Items.put(client, table, items());
    }

    private Map<String, AttributeValue> profile() {
        boolean person = !CommunityAction.BOT.equals(kind);
        Set<String> allLogins = new LinkedHashSet<>();
        if (login != null) {
            allLogins.add(loginKey(platform, login));
        }
        allLogins.addAll(logins);
        Item item = new Item(TableKeys.person(id), TableKeys.PROFILE).s(ProfileItem.ID, id).s(ProfileItem.LOGIN, login)
                .s(ProfileItem.PLATFORM, platform).s(ProfileItem.KIND, kind).n(ProfileItem.SCORE, score)
                .s(ProfileItem.FIRST_SEEN, firstSeen).s(ProfileItem.LAST_ACTIVE, lastActive)
                .ss(ProfileItem.IDENTITIES, identities).ss(ProfileItem.PLATFORMS, platforms)
                .ss(ProfileItem.LOGINS, allLogins).ss(ProfileItem.ACTED, acted == null ? identities : acted)
                .n(ProfileItem.VERSION, version).s(ProfileItem.WELCOMED_AT, welcomedAt)
                .s(ProfileItem.CRM_ID, crmId);
        counts.forEach(item::n);
        if (person) {
            item.s(ProfileItem.TIER, tier()).l(ProfileItem.TIER_HISTORY, history())
                    .s(ProfileItem.LB_PK, TableKeys.LB_ALL).n(ProfileItem.LB_SCORE, boardScore == null ? score : boardScore);
        }
        return item.attributes;
    }

    private Map<String, AttributeValue> link() {
        return new Item(TableKeys.person(id), TableKeys.PROFILE).s(LinkItem.ID, id).s(LinkItem.LINKED_TO, linkedTo)
                .n(LinkItem.VERSION, version).s(LinkItem.PLATFORM, platform).s(LinkItem.LOGIN, login)
                .s(LinkItem.LINKED_AT, linkedAt).attributes;
    }

    private Map<String, AttributeValue> period(String[] period) {
        boolean week = period[0].contains("W");
        String sk = week ? TableKeys.weekSortKey(period[0]) : TableKeys.monthSortKey(period[0]);
        Item item = new Item(TableKeys.person(id), sk).s(PeriodItem.ID, id)
                .n(PeriodItem.EXPIRES_AT, expiresAt != null ? expiresAt : lastActive == null ? null : Items.expiresAt(lastActive));
        boolean scored = period[1] != null;
        if (scored) {
            item.s(PeriodItem.LOGIN, login).s(PeriodItem.PLATFORM, platform).s(PeriodItem.KIND, kind)
                    .n(PeriodItem.SCORE, period[1]);
        }
        if (scored && !CommunityAction.BOT.equals(kind)) {
            item.s(PeriodItem.TIER, periodTiers.getOrDefault(period[0], tier()))
                    .s(PeriodItem.LB_PK, week ? TableKeys.weekBoard(period[0]) : TableKeys.monthBoard(period[0]))
                    .n(PeriodItem.LB_SCORE, period[1]);
        }
        if (week) {
            item.ss(PeriodItem.DAYS, java.util.Arrays.asList(period).subList(2, period.length));
        }
        return item.attributes;
    }

    private String tier() {
        return steps.isEmpty() ? null : steps.get(steps.size() - 1)[0];
    }

    private List<AttributeValue> history() {
        List<AttributeValue> history = new ArrayList<>();
        for (String[] step : steps) {
            Map<String, AttributeValue> m = new LinkedHashMap<>();
            m.put(ProfileItem.STEP_TIER, AttributeValue.fromS(step[0]));
            m.put(ProfileItem.STEP_AT, AttributeValue.fromS(step[1]));
            if (step[2] != null) {
                m.put(ProfileItem.STEP_REASON, AttributeValue.fromS(step[2]));
            }
            history.add(AttributeValue.fromM(m));
        }
        return history;
    }

    private static String loginKey(String platform, String login) {
        return platform + "#" + login.toLowerCase(Locale.ROOT);
    }

    private static String platformOf(String identity) {
        int colon = identity.indexOf(':');
        return colon < 0 ? identity : identity.substring(0, colon);
    }
}
