package com.communitypulse.shared.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;

/**
 * The single-table layout of Community Pulse (one on-demand table, string keys {@code pk}/{@code sk},
 * TTL attribute {@code expires_at}, and the {@code leaderboard} GSI on {@code lb_pk}/{@code lb_score}).
 *
 * <pre>
 * pk                                   sk                      what
 * PERSON#{identity}                    PROFILE                 contributor profile; for a linked identity,
 *                                                              only {@code linked_to} = the person's id
 * PERSON#{person}                      WEEK#{2026-W47}         score in an ISO week   (lb_pk LB#WEEK#2026-W47)
 * PERSON#{person}                      MONTH#{2026-11}         score in a month       (lb_pk LB#MONTH#2026-11)
 * PERSON#{identity}                    OWN                     while linked: the identity's own profile, as if never linked
 * PERSON#{identity}                    OWN#WEEK#… / OWN#MONTH#… while linked: a linked identity's own part of the person's period
 * DAY#{2026-11-20}                     {timestamp}#{actionId}  one activity item per scored action (TTL)
 * ACTION#{actionId}                    ACTION                  the action's guard: counted once by id, whatever its timestamp (TTL)
 * THREAD#{thread}                      THREAD                  issue/PR/topic: opened_at, author, first response (TTL)
 * DELIVERY#{platform}#{key}            DELIVERY                webhook de-duplication (TTL)
 * WELCOME#{platform}#{identity}        WELCOME                 a welcome claimed/sent, exactly once
 * WELCOME#PERSON#{person}              WELCOME                 the person's welcome claim: one welcome per person, any platform
 * CELEBRATE#{milestone}#{person}       CELEBRATE               first_merge / first_answer celebrated once per person
 * ERASED#{hex sha-256(salt+identity)}  ERASED                  an erased identity (only erased_at; no TTL): deliveries dropped
 * DIGEST#{2026-W47}                    DIGEST                  a weekly digest sent, exactly once
 * LOGIN#{platform}#{login lower-case}  LOGIN                   resolves {@code platform:@login} to an identity
 * EMAIL#{hex sha-256(salt+hash)}       {identity}              an identity a custom source gave that e-mail hash (TTL)
 * PERSON#{identity}                    EMAIL#{hex …}           the same, from the identity's side: what erasure finds (TTL)
 * SUGGEST                              {personA}#{personB}     a suggested link of two people (A before B), for a maintainer (TTL)
 * INGEST#{2026-W47}                    INGEST                  the GitHub reconciler's ingest counts of the week (TTL)
 * RECONCILE#{hook}                     CHECKPOINT              the reconciler's high-water mark per hook ({@code repo:o/r:1})
 * RECONCILE#{hookId}#{guid}            RECONCILE               a redelivery the reconciler asked GitHub for (TTL)
 * BACKFILL                             {platform}#{source}     a backfill's state: checkpoint, progress, rate budget (GET /backfill)
 * BACKFILL#{platform}#{source}         ETAG#{page path}        a page's ETag and the cursor after it (a 304 repeats nothing)
 * BACKFILL#{platform}#{source}         AUTHOR#{number}         an issue's or PR's author, for its comments' thread (TTL)
 * </pre>
 *
 * Attributes (snake_case; the names as constants, one class per item kind, are {@link ItemAttributes}):
 * <ul>
 * <li>profile: {@code id} (person id = first identity seen, e.g. github:583231), {@code login},
 *     {@code platform}, {@code kind} (user|bot), {@code score} (N), {@code tier}, {@code first_seen},
 *     {@code last_active} (ISO-8601), {@code c_<type>} (N, count per action type), {@code identities}
 *     (SS), {@code tier_history} (L of M {tier, at, reason}; {@code reason} absent on older steps), {@code welcomed_at},
 *     {@code version} (N), {@code crm_id} (S, the person's id in the maintainers' CRM: the api's export reads it, nothing writes it yet); {@code x_{yyyy-MM}#{platform}#{type}#{impact}} (N, score breakdown tallies: scored
 *     actions of that month, platform, type and impact, so {@code score} = sum of count x impact, see the score
 *     module's {@code ScoreBreakdown}); with scoring decay on, {@code lb_score} on the profile is the decayed
 *     all-time score rather than {@code score};
 *     {@code lb_pk}/{@code lb_score} only for people (never bots), so bots never reach the leaderboard.
 *     Added by the scorer: {@code platforms} (SS), {@code logins} (SS of {@code platform#login}, the
 *     {@code LOGIN#} items to erase), {@code acted} (SS, identities that have acted: the first action of
 *     an identity not in it is a first contribution), {@code linked_to} (only on a linked identity's
 *     item, which then holds only {@code id}, {@code login}, {@code platform}, {@code linked_at}, {@code version}).
 *     {@code version} is the optimistic-concurrency counter: every scorer write checks and increments it. {@code tier} is one of {@link #TIERS}; bots have none.
 *     {@code welcomed_at} is written by the welcome function on {@code PERSON#{person}} (the event's
 *     {@code person}) with an UpdateItem that leaves {@code version} alone.</li>
 * <li>week/month: {@code id}, {@code login}, {@code platform}, {@code kind}, {@code tier}, {@code score} (N),
 *     {@code lb_pk}/{@code lb_score} (people only), {@code days} (SS of {@code yyyy-MM-dd} on WEEK# items:
 *     every day the person has a {@code DAY#} item, a review's demotion included, so erasure finds them without a Scan), {@code expires_at}.</li>
 * <li>activity ({@code DAY#}): {@code action_id}, {@code person}, {@code actor} (identity), {@code login},
 *     {@code kind}, {@code platform}, {@code type}, {@code repo}, {@code impact} (N), {@code ts},
 *     {@code first} (BOOL, the person's first action ever), {@code thread}, {@code url}, {@code length},
 *     {@code author_association}, {@code config_version} (the scoring config that scored it), {@code expires_at};
 *     tier changes are activity items too, with {@code type = tier_changed}, {@code from_tier}, {@code to_tier},
 *     {@code reason}, sort key {@code {timestamp}#{actionId}.tier} (the action that caused the change; for a
 *     demotion by the monthly tier review, {@code {first day of the next month}T00:00:00Z#review-{yyyy-MM}-{person}.tier}). Also {@code events_published} (BOOL, false
 *     while the bus events this action decided are not yet confirmed published, true after; absent when it
 *     decided none) and {@code events} (S, JSON list of those events, removed once published); bots' items
 *     have {@code impact} 0. {@code identity_linked} items (impact 0, not contributions) also carry
 *     {@code target} and {@code link_result} ({@code linked to …}, {@code already linked to …}, {@code refused: …}).
 *     {@code timestamp} is the action's time normalised to UTC ({@code Instant.toString()}).</li>
 * <li>action guard ({@code ACTION#}): {@code day} and {@code activity_sk}, the activity item of the action,
 *     {@code has_events} (BOOL: it decided bus events, so a copy reads that item for unpublished ones), and the
 *     activity item's {@code expires_at}. Written in the scoring transaction on condition it does not exist: an
 *     action timed at arrival ({@code received_at}: GitHub {@code watch}, {@code gollum}, {@code member}, Discourse
 *     {@code user_created}/solved/like, Slack) gets a new timestamp, so a new activity key, on every publish of its
 *     delivery, and only this item, keyed by id alone, says it was counted.</li>
 * <li>thread: {@code thread}, {@code platform}, {@code repo}, {@code opened_at}, {@code author},
 *     {@code author_login}, {@code url}, {@code first_response_at}, {@code first_responder}, {@code expires_at} (that of
 *     the activity item that opened it, or first answered it when the opening was never seen: a thread never
 *     outlives the activity through which erasure reaches it).</li>
 * <li>login: {@code identity} (e.g. {@code github:583231}), {@code login}, {@code platform}.</li>
 * <li>e-mail hash ({@code EMAIL#…} / identity, written by the scorer after a custom action with {@code email_sha256},
 *     deleted by erasure through its copy {@code PERSON#{identity}} / {@code EMAIL#…}): {@code identity} on the index
 *     item, {@code expires_at} (the retention after it was first written) on both.</li>
 * <li>suggestion ({@code SUGGEST}, written by the scorer after an action that brought a login new to its person, a Slack
 *     message linking a GitHub profile or a custom source's e-mail hash, read by
 *     the api's {@code GET /admin/identities/suggestions}, deleted by erasure): {@code person_a}/{@code person_b} (side A's
 *     id sorts first), {@code identity_a}/{@code identity_b}, {@code login_a}/{@code login_b},
 *     {@code platform_a}/{@code platform_b}, {@code reason} ({@code same_login}, {@code profile_url}, {@code email_hash}), {@code confidence} (N), {@code created_at},
 *     {@code expires_at}.</li>
 * <li>ingest ({@code INGEST#}, written by the reconcile function, read by the digest): {@link #INGEST_SEEN} (N, GitHub
 *     deliveries listed for the first time, by the week of their {@code delivered_at}; pings left out),
 *     {@link #INGEST_FAILED} (N, of those, the ones GitHub recorded as failed), {@link #INGEST_REQUESTED} (N, redelivery
 *     requests GitHub accepted), {@link #INGEST_RECOVERED} (N, deliveries that reached us after our redelivery, counted
 *     once), {@link #INGEST_LOST} (N, deliveries given up: attempts exhausted or GitHub refused the redelivery),
 *     {@code expires_at}.</li>
 * <li>reconcile marker: {@code attempts} (N), {@code requested_at}, {@code week} (the delivery's week),
 *     {@code outcome} ({@code recovered} | {@code lost}, once settled), {@code expires_at}; checkpoint: {@code mark}
 *     (ISO-8601, the newest {@code delivered_at} counted), {@code run_at}.</li>
 * </ul>
 *
 * Readers of activity Query {@code DAY#} partitions, one per day, never a Scan, so their cost follows
 * the window's activity and not the table's history: the digest reads 90 days (one Query per day: the bus
 * factor's window, which also holds the week and its 28/35-day figures), as does the API's
 * {@code GET /bus-factor}; the monthly tier review reads the month and the demotion window before it.
 */
public final class TableKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String TTL = "expires_at";
    public static final String LEADERBOARD_INDEX = "leaderboard";
    public static final String LB_PK = "lb_pk";
    public static final String LB_SCORE = "lb_score";

    public static final String PROFILE = "PROFILE";
    public static final String LB_ALL = "LB#ALL";
    public static final String LOGIN = "LOGIN";
    public static final String LINKED_TO = "linked_to";
    public static final String EVENTS = "events";
    public static final String EVENTS_PUBLISHED = "events_published";
    public static final String TIER_CHANGED = "tier_changed";
    /** The tiers, lowest first; they go down only by the monthly tier review, when demotion is configured. */
    public static final java.util.List<String> TIERS = java.util.List.of("User", "Contributor", "Maintainer", "Core Team");

    private TableKeys() {
    }

    public static String person(String identityOrPerson) {
        return "PERSON#" + identityOrPerson;
    }

    public static final String DAY_PREFIX = "DAY#";

    public static String day(LocalDate date) {
        return DAY_PREFIX + date;
    }

    /** The sort key of an action's guard item, {@code ACTION#{actionId}} / {@code ACTION}. */
    public static final String ACTION = "ACTION";

    public static String action(String actionId) {
        return "ACTION#" + actionId;
    }

    public static String activitySortKey(String timestamp, String actionId) {
        return timestamp + "#" + actionId;
    }

    public static String isoWeek(Instant instant) {
        LocalDate date = instant.atZone(ZoneOffset.UTC).toLocalDate();
        return String.format("%d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public static String month(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7);
    }

    public static String weekSortKey(String isoWeek) {
        return "WEEK#" + isoWeek;
    }

    public static String monthSortKey(String month) {
        return "MONTH#" + month;
    }

    /**
     * While an identity is linked (or is a person with linked identities), the sort key of its own profile: what it
     * would be had it never been linked, so an unlink restores it exactly. No {@code lb_pk}: on no board.
     */
    public static final String OWN = "OWN";
    /** The prefix of a linked identity's own part of a period ({@code OWN#WEEK#2026-W47}, {@code OWN#MONTH#2026-11}). */
    public static final String OWN_PERIOD_PREFIX = "OWN#";

    /** The sort key of a linked identity's own part of the person's period {@code periodSortKey}. */
    public static String ownPeriod(String periodSortKey) {
        return OWN_PERIOD_PREFIX + periodSortKey;
    }

    public static String weekBoard(String isoWeek) {
        return "LB#WEEK#" + isoWeek;
    }

    public static String monthBoard(String month) {
        return "LB#MONTH#" + month;
    }

    /** The sort key of a thread item ({@code THREAD#{thread}} / {@code THREAD}). */
    public static final String THREAD = "THREAD";

    public static String thread(String thread) {
        return "THREAD#" + thread;
    }

    /** The sort key of a webhook delivery claim; its {@code state} is {@code pending} or {@code done}, see the webhook's claims. */
    public static final String DELIVERY = "DELIVERY";

    public static String delivery(String platform, String key) {
        return "DELIVERY#" + platform + "#" + key;
    }

    /** The sort key of every welcome item ({@code WELCOME#...} / {@code WELCOME}). */
    public static final String WELCOME = "WELCOME";

    public static String welcome(String platform, String identity) {
        return "WELCOME#" + platform + "#" + identity;
    }

    /** The person's welcome claim: one welcome per person, whatever the platform. */
    public static String welcomePerson(String person) {
        return "WELCOME#PERSON#" + person;
    }

    /** The sort key of a celebration item. */
    public static final String CELEBRATE = "CELEBRATE";
    /** The milestones the welcome function celebrates once per person; erasure deletes each one's item. */
    public static final java.util.List<String> MILESTONES = java.util.List.of("first_merge", "first_answer");

    public static String celebration(String milestone, String person) {
        return "CELEBRATE#" + milestone + "#" + person;
    }

    /** The template's {@code ErasureSalt} default; the functions fall back to it when {@code ERASURE_SALT} is unset. */
    public static final String DEFAULT_ERASURE_SALT = "change-me-community-pulse-erasure-salt";
    /** The sort key of an erasure marker. */
    public static final String ERASED = "ERASED";

    /**
     * An erased identity's marker pk: {@code ERASED#} + lower-case hex SHA-256 of the UTF-8 bytes of salt followed
     * by identity. The erasure CLI writes it and the score and welcome functions look it up, so it must match
     * byte for byte: this is its only definition.
     */
    public static String erased(String salt, String identity) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((salt + identity).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "ERASED#" + java.util.HexFormat.of().formatHex(hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * An e-mail hash's index pk, {@code EMAIL#} + hex SHA-256 of salt followed by the hash a custom source sent
     * ({@code context.email_sha256}): keyed with the erasure salt, so the table holds nothing that a list of addresses
     * could be matched against without it. Each identity seen with it is one item ({@code sk} = the identity), and the
     * identity's own partition holds this pk as a sort key, which is how erasure finds it.
     */
    public static String email(String salt, String emailSha256) {
        return "EMAIL#" + sha256Hex(salt + emailSha256);
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The prefix of e-mail hash items: the index's pk, and the sort key of its copy in a {@code PERSON#} partition. */
    public static final String EMAIL_PREFIX = "EMAIL#";

    /** The login item's pk: logins are case-insensitive on every platform we know, so lower-case. */
    public static String login(String platform, String login) {
        return "LOGIN#" + platform + "#" + login.toLowerCase(java.util.Locale.ROOT);
    }

    /** The partition of link suggestions ({@code GET /admin/identities/suggestions} Queries it, one page at a time). */
    public static final String SUGGEST = "SUGGEST";

    /**
     * A suggestion's sort key: the two person ids in string order, so a pair has one item whichever of them the
     * scorer saw second.
     */
    public static String suggestion(String personA, String personB) {
        return personA.compareTo(personB) <= 0 ? personA + "#" + personB : personB + "#" + personA;
    }

    public static String digest(String isoWeek) {
        return "DIGEST#" + isoWeek;
    }

    /** The sort key of a week's ingest counts, {@code INGEST#{2026-W47}} / {@code INGEST}. */
    public static final String INGEST = "INGEST";
    public static final String INGEST_SEEN = "seen";
    public static final String INGEST_FAILED = "failed";
    public static final String INGEST_REQUESTED = "redelivery_requested";
    public static final String INGEST_RECOVERED = "recovered";
    public static final String INGEST_LOST = "lost";

    public static String ingest(String isoWeek) {
        return "INGEST#" + isoWeek;
    }

    public static final String RECONCILE = "RECONCILE";
    public static final String CHECKPOINT = "CHECKPOINT";

    /** A redelivery marker's pk: the webhook's claim key for GitHub ({@code {hookId}#{guid}}) under {@code RECONCILE#}. */
    public static String reconcile(String hookId, String guid) {
        return "RECONCILE#" + hookId + "#" + guid;
    }

    /** A hook's checkpoint pk, {@code hook} as configured, e.g. {@code repo:octo-org/hello:123}. */
    public static String reconcileCheckpoint(String hook) {
        return "RECONCILE#" + hook;
    }

    /** The one partition of every backfill's state item: {@code GET /backfill} is one Query, never a Scan. */
    public static final String BACKFILL = "BACKFILL";

    /** A backfill state item's sort key, e.g. {@code github#octo-org/hello-world}. */
    public static String backfillState(String platform, String source) {
        return platform + "#" + source;
    }

    /** The pk of a backfill's working items (ETags, authors), e.g. {@code BACKFILL#github#octo-org/hello-world}. */
    public static String backfill(String platform, String source) {
        return BACKFILL + "#" + platform + "#" + source;
    }
}
