package com.communitypulse.shared.store;

import com.communitypulse.shared.scoring.ScoreBreakdown;
import java.util.List;
import java.util.Set;

/**
 * The attribute names of the items the score function writes to the table and the other functions read
 * (the key layout is {@link TableKeys}): one nested class per item kind, each with its {@code NAMES}, so a
 * writer and its readers share one spelling and a test can check that no item carries an uncatalogued
 * attribute ({@link Kind#catalogues}). Types: S string, N number, SS string set, BOOL, L list, M map.
 */
public final class ItemAttributes {
    private ItemAttributes() {
    }

    /** {@code PERSON#{person}} / {@code PROFILE}: a person's totals, tier and identities. */
    public static final class ProfileItem {
        /** S, the person's id: their first identity seen, e.g. {@code github:583231}. */
        public static final String ID = "id";
        /** S, the display login: the primary identity's. */
        public static final String LOGIN = "login";
        /** S, the platform of the person's first identity. */
        public static final String PLATFORM = "platform";
        /** S, {@code user} or {@code bot}. */
        public static final String KIND = "kind";
        /** N, the points earned, all time (undecayed). */
        public static final String SCORE = "score";
        /** S, one of {@link TableKeys#TIERS}; bots have none. */
        public static final String TIER = "tier";
        /** L of M {@link #STEP_TIER}, {@link #STEP_AT}, {@link #STEP_REASON}: every tier the person entered, oldest first. */
        public static final String TIER_HISTORY = "tier_history";
        /** S of a {@link #TIER_HISTORY} step: the tier entered. */
        public static final String STEP_TIER = "tier";
        /** S of a {@link #TIER_HISTORY} step: when (ISO-8601). */
        public static final String STEP_AT = "at";
        /** S of a {@link #TIER_HISTORY} step: why; absent on steps written before reasons were kept. */
        public static final String STEP_REASON = "reason";
        /** S, ISO-8601, the earliest action's time. */
        public static final String FIRST_SEEN = "first_seen";
        /** S, ISO-8601, the latest action's time; a profile without it has not acted (readers say 404). */
        public static final String LAST_ACTIVE = "last_active";
        /** SS, every identity of the person (linked ones included). */
        public static final String IDENTITIES = "identities";
        /** SS, the platforms of those identities. */
        public static final String PLATFORMS = "platforms";
        /** SS of {@code platform#login} (lower-case): the {@code LOGIN#} items to erase with the person. */
        public static final String LOGINS = "logins";
        /** SS, identities that have acted: an identity's first action not in it is a first contribution. */
        public static final String ACTED = "acted";
        /** N, the optimistic-concurrency counter every scorer write checks and increments. */
        public static final String VERSION = "version";
        /** S, ISO-8601, written by the welcome function (which leaves {@link #VERSION} alone). */
        public static final String WELCOMED_AT = "welcomed_at";
        /**
         * S, the person's id in the maintainers' CRM, set by a {@code crm_id_set} action (the admin API's or a custom
         * source's), removed by one without a target; personal data, erased with the profile.
         */
        public static final String CRM_ID = "crm_id";
        /**
         * S, ISO-8601: the time of the {@code crm_id_set} action that last set or cleared {@link #CRM_ID}; an older one
         * delivered later (the bus does not keep order) changes nothing.
         */
        public static final String CRM_ID_AT = "crm_id_at";
        /** S, {@link TableKeys#LB_ALL} for people (never bots): on the all-time leaderboard. */
        public static final String LB_PK = TableKeys.LB_PK;
        /** N, the all-time board's rank: {@link #SCORE}, or the decayed total with decay on. */
        public static final String LB_SCORE = TableKeys.LB_SCORE;
        /** N attributes {@code c_<type>}: the count of actions of each type. */
        public static final String COUNT_PREFIX = "c_";
        /** N attributes {@code x_{yyyy-MM}#{platform}#{type}#{impact}}: the score breakdown tallies ({@link ScoreBreakdown}). */
        public static final String TALLY_PREFIX = ScoreBreakdown.PREFIX;

        public static final Set<String> NAMES = Set.of(ID, LOGIN, PLATFORM, KIND, SCORE, TIER, TIER_HISTORY, FIRST_SEEN,
                LAST_ACTIVE, IDENTITIES, PLATFORMS, LOGINS, ACTED, VERSION, WELCOMED_AT, CRM_ID, CRM_ID_AT, LB_PK, LB_SCORE);
        public static final List<String> PREFIXES = List.of(COUNT_PREFIX, TALLY_PREFIX);

        /** The count attribute of an action type, {@code c_<type>}. */
        public static String count(String type) {
            return COUNT_PREFIX + type;
        }

        private ProfileItem() {
        }
    }

    /** {@code PERSON#{identity}} / {@code PROFILE} of an identity linked into another person: only a pointer. */
    public static final class LinkItem {
        /** S, the linked identity itself. */
        public static final String ID = ProfileItem.ID;
        /** S, the person's id: readers follow it to that person's PROFILE. */
        public static final String LINKED_TO = TableKeys.LINKED_TO;
        /** S, the identity's own login. */
        public static final String LOGIN = ProfileItem.LOGIN;
        /** S, the identity's platform. */
        public static final String PLATFORM = ProfileItem.PLATFORM;
        /** S, ISO-8601, when it was linked. */
        public static final String LINKED_AT = "linked_at";
        /** N, as on a profile. */
        public static final String VERSION = ProfileItem.VERSION;

        public static final Set<String> NAMES = Set.of(ID, LINKED_TO, LOGIN, PLATFORM, LINKED_AT, VERSION);

        private LinkItem() {
        }
    }

    /**
     * {@code PERSON#{identity}} / {@code OWN}: the identity's own profile while it is linked (or its person has linked
     * identities), with the {@link ProfileItem} attributes but no {@code lb_pk}/{@code lb_score}; and
     * {@code OWN#WEEK#…}/{@code OWN#MONTH#…}: a linked identity's own part of the person's period, with the
     * {@link PeriodItem} attributes, {@link #BOARD} instead of {@code lb_pk}. An unlink restores them and deletes them.
     */
    public static final class OwnItem {
        /** S, on OWN# period items: the board the period item goes back on ({@code LB#WEEK#2026-W47}). */
        public static final String BOARD = "board";

        public static final Set<String> PROFILE_NAMES = ProfileItem.NAMES.stream()
                .filter(name -> !name.equals(ProfileItem.LB_PK) && !name.equals(ProfileItem.LB_SCORE))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        public static final Set<String> PERIOD_NAMES = java.util.stream.Stream.concat(
                PeriodItem.NAMES.stream().filter(name -> !name.equals(PeriodItem.LB_PK) && !name.equals(PeriodItem.LB_SCORE)),
                java.util.stream.Stream.of(BOARD)).collect(java.util.stream.Collectors.toUnmodifiableSet());

        private OwnItem() {
        }
    }

    /** {@code PERSON#{person}} / {@code WEEK#{2026-W47}} or {@code MONTH#{2026-11}}: the person's score in a period. */
    public static final class PeriodItem {
        /** S, the person's id. */
        public static final String ID = ProfileItem.ID;
        /** S, the person's display login when last written. */
        public static final String LOGIN = ProfileItem.LOGIN;
        /** S, the person's platform. */
        public static final String PLATFORM = ProfileItem.PLATFORM;
        /** S, {@code user} or {@code bot}. */
        public static final String KIND = ProfileItem.KIND;
        /** S, the person's tier when last written; people only. */
        public static final String TIER = ProfileItem.TIER;
        /** N, the points earned in the period. */
        public static final String SCORE = ProfileItem.SCORE;
        /** S, {@link TableKeys#weekBoard} or {@link TableKeys#monthBoard}; people only. */
        public static final String LB_PK = TableKeys.LB_PK;
        /** N, the period board's rank: the period's score. */
        public static final String LB_SCORE = TableKeys.LB_SCORE;
        /** SS of {@code yyyy-MM-dd}, WEEK# items only: every day the person has a {@code DAY#} item (erasure reads it). */
        public static final String DAYS = "days";
        /** N, epoch seconds: the TTL, that of the latest activity item it sums. */
        public static final String EXPIRES_AT = TableKeys.TTL;

        public static final Set<String> NAMES = Set.of(ID, LOGIN, PLATFORM, KIND, TIER, SCORE, LB_PK, LB_SCORE, DAYS, EXPIRES_AT);

        private PeriodItem() {
        }
    }

    /** {@code DAY#{2026-11-20}} / {@code {timestamp}#{actionId}}: one scored action (or a tier change, or a link). */
    public static final class ActivityItem {
        /** S, the action's id. */
        public static final String ACTION_ID = "action_id";
        /** S, the person it counted for, when written (a later link does not rewrite it). */
        public static final String PERSON = "person";
        /** S, the identity that acted. */
        public static final String ACTOR = "actor";
        /** S, the actor's login. */
        public static final String LOGIN = ProfileItem.LOGIN;
        /** S, {@code user} or {@code bot}. */
        public static final String KIND = ProfileItem.KIND;
        /** S, the platform. */
        public static final String PLATFORM = ProfileItem.PLATFORM;
        /** S, the action type ({@code ActionTypes}), or {@link TableKeys#TIER_CHANGED}. */
        public static final String TYPE = "type";
        /** S, {@code owner/name} or the platform's equivalent. */
        public static final String REPO = "repo";
        /** N, the points it earned (0 for bots, tier changes and links). */
        public static final String IMPACT = "impact";
        /** S, ISO-8601 UTC, the action's time. */
        public static final String TS = "ts";
        /** BOOL, the person's first action ever. */
        public static final String FIRST = "first";
        /** S, the thread it belongs to ({@code THREAD#} item). */
        public static final String THREAD = "thread";
        /** S, a link to the action on its platform. */
        public static final String URL = "url";
        /** N, the text's length, for the long-comment bonus. */
        public static final String LENGTH = "length";
        /** S, GitHub's author_association. */
        public static final String AUTHOR_ASSOCIATION = "author_association";
        /** S, the scoring config's version that scored it. */
        public static final String CONFIG_VERSION = "config_version";
        /** S, JSON list of the bus events it decided, removed once published (the outbox). */
        public static final String EVENTS = TableKeys.EVENTS;
        /** BOOL, false while those events are not confirmed published; absent when it decided none. */
        public static final String EVENTS_PUBLISHED = TableKeys.EVENTS_PUBLISHED;
        /** S, a tier change's former tier. */
        public static final String FROM_TIER = "from_tier";
        /** S, a tier change's new tier. */
        public static final String TO_TIER = "to_tier";
        /** S, a tier change's reason. */
        public static final String REASON = "reason";
        /** S, an {@code identity_linked} action's target ({@code platform:id} or {@code platform:@login}). */
        public static final String TARGET = "target";
        /** S, what an {@code identity_linked} action did ({@code linked to …}, {@code refused: …}). */
        public static final String LINK_RESULT = "link_result";
        /** S, an admin action's ({@code crm_id_set}) requester: the {@code context.by} it came with. */
        public static final String BY = "by";
        /** S, an admin action's reason: the {@code context.why} it came with. */
        public static final String WHY = "why";
        /** S, what an admin action did ({@code set}, {@code cleared}, {@code refused: …}, {@code superseded …}). */
        public static final String RESULT = "result";
        /** N, epoch seconds: the TTL (the action's time plus the retention). */
        public static final String EXPIRES_AT = TableKeys.TTL;
        /** The sort-key suffix of a tier change caused by an action: {@code {timestamp}#{actionId}.tier}. */
        public static final String TIER_CHANGE_SUFFIX = ".tier";

        public static final Set<String> NAMES = Set.of(ACTION_ID, PERSON, ACTOR, LOGIN, KIND, PLATFORM, TYPE, REPO, IMPACT,
                TS, FIRST, THREAD, URL, LENGTH, AUTHOR_ASSOCIATION, CONFIG_VERSION, EVENTS, EVENTS_PUBLISHED, FROM_TIER,
                TO_TIER, REASON, TARGET, LINK_RESULT, BY, WHY, RESULT, EXPIRES_AT);

        private ActivityItem() {
        }
    }

    /** {@code ACTION#{actionId}} / {@code ACTION}: an action counted once by id; points at its activity item. */
    public static final class ActionGuardItem {
        /** S, {@code yyyy-MM-dd}: the activity item's {@code DAY#} date. */
        public static final String DAY = "day";
        /** S, the activity item's sort key. */
        public static final String ACTIVITY_SK = "activity_sk";
        /** BOOL, the action decided bus events (a copy then reads the activity item for unpublished ones). */
        public static final String HAS_EVENTS = "has_events";
        /** N, the activity item's TTL. */
        public static final String EXPIRES_AT = TableKeys.TTL;

        public static final Set<String> NAMES = Set.of(DAY, ACTIVITY_SK, HAS_EVENTS, EXPIRES_AT);

        private ActionGuardItem() {
        }
    }

    /** {@code THREAD#{thread}} / {@code THREAD}: an issue, PR or topic, for time to first response. */
    public static final class ThreadItem {
        /** S, the thread's id. */
        public static final String THREAD = ActivityItem.THREAD;
        /** S, its platform. */
        public static final String PLATFORM = ProfileItem.PLATFORM;
        /** S, its repository. */
        public static final String REPO = ActivityItem.REPO;
        /** S, ISO-8601, when it was opened (absent when the opening was never seen). */
        public static final String OPENED_AT = "opened_at";
        /** S, the identity that opened it. */
        public static final String AUTHOR = "author";
        /** S, the author's login. */
        public static final String AUTHOR_LOGIN = "author_login";
        /** S, a link to it. */
        public static final String URL = ActivityItem.URL;
        /** S, ISO-8601, the first response by someone else (not a bot); the first one recorded wins. */
        public static final String FIRST_RESPONSE_AT = "first_response_at";
        /** S, the identity that responded first. */
        public static final String FIRST_RESPONDER = "first_responder";
        /** N, epoch seconds: that of the activity item that opened it (or first answered it). */
        public static final String EXPIRES_AT = TableKeys.TTL;

        public static final Set<String> NAMES = Set.of(THREAD, PLATFORM, REPO, OPENED_AT, AUTHOR, AUTHOR_LOGIN, URL,
                FIRST_RESPONSE_AT, FIRST_RESPONDER, EXPIRES_AT);

        private ThreadItem() {
        }
    }

    /** {@code LOGIN#{platform}#{login lower-case}} / {@code LOGIN}: resolves {@code platform:@login}. */
    public static final class LoginItem {
        /** S, the identity with that login, e.g. {@code github:583231}. */
        public static final String IDENTITY = "identity";
        /** S, the login as the platform spells it. */
        public static final String LOGIN = ProfileItem.LOGIN;
        /** S, the platform. */
        public static final String PLATFORM = ProfileItem.PLATFORM;

        public static final Set<String> NAMES = Set.of(IDENTITY, LOGIN, PLATFORM);

        private LoginItem() {
        }
    }

    /**
     * {@code SUGGEST} / {@code {personA}#{personB}}: two people that are probably one (docs/admin.md, Suggestions),
     * written by the scorer, listed by the api for a maintainer to accept or ignore. Side A is the person whose id sorts
     * first. It holds two public logins and ids, nothing else personal, and expires like activity.
     */
    public static final class SuggestionItem {
        /** S, side A's person id (the one that sorts first). */
        public static final String PERSON_A = "person_a";
        /** S, side B's person id. */
        public static final String PERSON_B = "person_b";
        /** S, the identity of side A that carries the login ({@code person_a} itself or one linked into it). */
        public static final String IDENTITY_A = "identity_a";
        /** S, the identity of side B that carries the login. */
        public static final String IDENTITY_B = "identity_b";
        /** S, side A's login as its platform spells it. */
        public static final String LOGIN_A = "login_a";
        /** S, side B's login. */
        public static final String LOGIN_B = "login_b";
        /** S, {@code identity_a}'s platform. */
        public static final String PLATFORM_A = "platform_a";
        /** S, {@code identity_b}'s platform. */
        public static final String PLATFORM_B = "platform_b";
        /** S, why they are suggested: {@link #SAME_LOGIN}, {@link #PROFILE_URL} or {@link #EMAIL_HASH}. */
        public static final String REASON = "reason";
        /** N, 0 to 1: how sure the reason is (docs/admin.md says how it is chosen). */
        public static final String CONFIDENCE = "confidence";
        /** S, ISO-8601, when the scorer wrote it. */
        public static final String CREATED_AT = "created_at";
        /** N, epoch seconds: the TTL, the retention after it was written. */
        public static final String EXPIRES_AT = TableKeys.TTL;
        /** The reason: the same login (case aside) on two platforms. */
        public static final String SAME_LOGIN = "same_login";
        /** The reason: a Slack user posted a GitHub identity's profile URL ({@code context.github_profiles}). */
        public static final String PROFILE_URL = "profile_url";
        /** The reason: a custom source gave two identities the same e-mail hash ({@code context.email_sha256}). */
        public static final String EMAIL_HASH = "email_hash";

        public static final Set<String> NAMES = Set.of(PERSON_A, PERSON_B, IDENTITY_A, IDENTITY_B, LOGIN_A, LOGIN_B,
                PLATFORM_A, PLATFORM_B, REASON, CONFIDENCE, CREATED_AT, EXPIRES_AT);

        private SuggestionItem() {
        }
    }

    /**
     * {@code EMAIL#{hex sha-256(salt + email_sha256)}} / {@code {identity}}: an identity a custom source gave that
     * e-mail hash, written by the scorer (docs/admin.md, Suggestions). Nothing but the identity; expires like activity.
     */
    public static final class EmailItem {
        /** S, the identity, e.g. {@code custom:ada}. */
        public static final String IDENTITY = LoginItem.IDENTITY;
        /** N, epoch seconds: the retention after it was written. */
        public static final String EXPIRES_AT = TableKeys.TTL;

        public static final Set<String> NAMES = Set.of(IDENTITY, EXPIRES_AT);

        private EmailItem() {
        }
    }

    /**
     * {@code PERSON#{identity}} / {@code EMAIL#{…}}: the {@link EmailItem}'s copy in the identity's partition, so erasure
     * (which Queries that partition) finds the index item to delete. Only the TTL, the same as the index item's.
     */
    public static final class EmailRefItem {
        /** N, epoch seconds. */
        public static final String EXPIRES_AT = TableKeys.TTL;

        public static final Set<String> NAMES = Set.of(EXPIRES_AT);

        private EmailRefItem() {
        }
    }

    /** {@code ERASED#{hex sha-256(salt+identity)}} / {@code ERASED}, written by erasure, read (for existence) by score and welcome. */
    public static final class ErasedItem {
        /** S, ISO-8601, when the identity was erased: the only attribute, nothing personal. */
        public static final String ERASED_AT = "erased_at";

        public static final Set<String> NAMES = Set.of(ERASED_AT);

        private ErasedItem() {
        }
    }

    /** The kinds above, told apart by their keys (and a profile from a link by {@code linked_to}). */
    public enum Kind {
        PROFILE(ProfileItem.NAMES, ProfileItem.PREFIXES),
        LINK(LinkItem.NAMES, List.of()),
        WEEK(PeriodItem.NAMES, List.of()),
        MONTH(PeriodItem.NAMES, List.of()),
        ACTIVITY(ActivityItem.NAMES, List.of()),
        ACTION_GUARD(ActionGuardItem.NAMES, List.of()),
        THREAD(ThreadItem.NAMES, List.of()),
        LOGIN(LoginItem.NAMES, List.of()),
        SUGGESTION(SuggestionItem.NAMES, List.of()),
        EMAIL(EmailItem.NAMES, List.of()),
        EMAIL_REF(EmailRefItem.NAMES, List.of()),
        ERASED(ErasedItem.NAMES, List.of()),
        OWN(OwnItem.PROFILE_NAMES, ProfileItem.PREFIXES),
        OWN_PERIOD(OwnItem.PERIOD_NAMES, List.of());

        private final Set<String> names;
        private final List<String> prefixes;

        Kind(Set<String> names, List<String> prefixes) {
            this.names = names;
            this.prefixes = prefixes;
        }

        /** The kind of the item with these keys, or null for an item kind not catalogued here (webhook, welcome, digest, reconcile). */
        public static Kind of(String pk, String sk, Set<String> attributeNames) {
            if (pk.startsWith(TableKeys.person(""))) {
                if (TableKeys.PROFILE.equals(sk)) {
                    return attributeNames.contains(TableKeys.LINKED_TO) ? LINK : PROFILE;
                }
                if (TableKeys.OWN.equals(sk)) {
                    return OWN;
                }
                if (sk.startsWith(TableKeys.OWN_PERIOD_PREFIX)) {
                    return OWN_PERIOD;
                }
                if (sk.startsWith(TableKeys.EMAIL_PREFIX)) {
                    return EMAIL_REF;
                }
                return sk.startsWith(TableKeys.weekSortKey("")) ? WEEK : sk.startsWith(TableKeys.monthSortKey("")) ? MONTH : null;
            }
            if (pk.startsWith(TableKeys.DAY_PREFIX)) {
                return ACTIVITY;
            }
            if (pk.startsWith(TableKeys.action("")) && TableKeys.ACTION.equals(sk)) {
                return ACTION_GUARD;
            }
            if (pk.startsWith(TableKeys.thread("")) && TableKeys.THREAD.equals(sk)) {
                return THREAD;
            }
            if (pk.startsWith("LOGIN#") && TableKeys.LOGIN.equals(sk)) {
                return LOGIN;
            }
            if (TableKeys.SUGGEST.equals(pk)) {
                return SUGGESTION;
            }
            if (pk.startsWith(TableKeys.EMAIL_PREFIX)) {
                return EMAIL;
            }
            return pk.startsWith("ERASED#") && TableKeys.ERASED.equals(sk) ? ERASED : null;
        }

        /** The catalogued names of this kind (the keys {@code pk}/{@code sk} aside). */
        public Set<String> names() {
            return names;
        }

        /** True when {@code name} is a key, a catalogued name or has a catalogued prefix ({@code c_}, {@code x_}). */
        public boolean catalogues(String name) {
            return TableKeys.PK.equals(name) || TableKeys.SK.equals(name) || names.contains(name)
                    || prefixes.stream().anyMatch(name::startsWith);
        }
    }
}
