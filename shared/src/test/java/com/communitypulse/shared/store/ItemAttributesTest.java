package com.communitypulse.shared.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.store.ItemAttributes.Kind;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The catalogue's spellings are the stored table's schema: a renamed constant would leave every item already
 * written unreadable, so each kind's names are pinned here, as literals.
 */
class ItemAttributesTest {
    @Test
    void theNamesOfEveryKindAreTheOnesOnTheTable() {
        Map<Kind, Set<String>> expected = Map.of(
                Kind.PROFILE, Set.of("id", "login", "platform", "kind", "score", "tier", "tier_history", "first_seen",
                        "last_active", "identities", "platforms", "logins", "acted", "version", "welcomed_at", "crm_id",
                        "crm_id_at", "lb_pk", "lb_score"),
                Kind.LINK, Set.of("id", "linked_to", "login", "platform", "linked_at", "version"),
                Kind.WEEK, Set.of("id", "login", "platform", "kind", "tier", "score", "lb_pk", "lb_score", "days", "expires_at"),
                Kind.ACTIVITY, Set.of("action_id", "person", "actor", "login", "kind", "platform", "type", "repo", "impact",
                        "ts", "first", "thread", "url", "length", "author_association", "config_version", "events",
                        "events_published", "from_tier", "to_tier", "reason", "target", "link_result", "by", "why", "result",
                        "expires_at"),
                Kind.ACTION_GUARD, Set.of("day", "activity_sk", "has_events", "expires_at"),
                Kind.THREAD, Set.of("thread", "platform", "repo", "opened_at", "author", "author_login", "url",
                        "first_response_at", "first_responder", "expires_at"),
                Kind.LOGIN, Set.of("identity", "login", "platform"),
                Kind.SUGGESTION, Set.of("person_a", "person_b", "identity_a", "identity_b", "login_a", "login_b",
                        "platform_a", "platform_b", "reason", "confidence", "created_at", "expires_at"),
                Kind.ERASED, Set.of("erased_at"));
        expected.forEach((kind, names) -> assertEquals(names, kind.names(), kind.name()));
        assertEquals(Kind.WEEK.names(), Kind.MONTH.names());
        assertEquals(Set.of("id", "login", "platform", "kind", "score", "tier", "tier_history", "first_seen",
                "last_active", "identities", "platforms", "logins", "acted", "version", "welcomed_at", "crm_id",
                "crm_id_at"), Kind.OWN.names(), "a profile's, on no board");
        assertEquals(Set.of("id", "login", "platform", "kind", "tier", "score", "board", "days", "expires_at"),
                Kind.OWN_PERIOD.names(), "a period's, its board kept aside");
        assertEquals(Set.of("identity", "expires_at"), Kind.EMAIL.names());
        assertEquals(Set.of("expires_at"), Kind.EMAIL_REF.names());
        assertEquals(Set.of("same_login", "profile_url", "email_hash"), Set.of(ItemAttributes.SuggestionItem.SAME_LOGIN,
                ItemAttributes.SuggestionItem.PROFILE_URL, ItemAttributes.SuggestionItem.EMAIL_HASH));
        assertEquals(Set.of("tier", "at", "reason"), Set.of(ItemAttributes.ProfileItem.STEP_TIER,
                ItemAttributes.ProfileItem.STEP_AT, ItemAttributes.ProfileItem.STEP_REASON));
        assertEquals("c_comment", ItemAttributes.ProfileItem.count("comment"));
    }

    @Test
    void kindsAreToldApartByTheirKeys() {
        assertEquals(Kind.PROFILE, Kind.of("PERSON#github:1", "PROFILE", Set.of("id", "score")));
        assertEquals(Kind.LINK, Kind.of("PERSON#discord:7", "PROFILE", Set.of("id", "linked_to")));
        assertEquals(Kind.WEEK, Kind.of("PERSON#github:1", "WEEK#2026-W47", Set.of()));
        assertEquals(Kind.MONTH, Kind.of("PERSON#github:1", "MONTH#2026-11", Set.of()));
        assertEquals(Kind.ACTIVITY, Kind.of("DAY#2026-11-20", "2026-11-20T10:00:00Z#a1.tier", Set.of()));
        assertEquals(Kind.ACTION_GUARD, Kind.of("ACTION#a1", "ACTION", Set.of()));
        assertEquals(Kind.THREAD, Kind.of("THREAD#github:o/r#1", "THREAD", Set.of()));
        assertEquals(Kind.LOGIN, Kind.of("LOGIN#github#ada", "LOGIN", Set.of()));
        assertEquals(Kind.ERASED, Kind.of("ERASED#00ff", "ERASED", Set.of()));
        assertEquals(Kind.SUGGESTION, Kind.of("SUGGEST", "discord:7#github:1", Set.of()));
        assertEquals(Kind.OWN, Kind.of("PERSON#discord:7", "OWN", Set.of("id", "score")));
        assertEquals(Kind.OWN_PERIOD, Kind.of("PERSON#discord:7", "OWN#WEEK#2026-W47", Set.of()));
        String email = TableKeys.email("salt", "0".repeat(64));
        assertEquals(Kind.EMAIL, Kind.of(email, "custom:ada", Set.of()));
        assertEquals(Kind.EMAIL_REF, Kind.of("PERSON#custom:ada", email, Set.of()));
        assertTrue(email.matches("EMAIL#[0-9a-f]{64}"), email);
        assertNotEquals(email, TableKeys.email("other salt", "0".repeat(64)), "keyed with the salt");
        assertEquals("discord:7#github:1", TableKeys.suggestion("github:1", "discord:7"), "one key per pair, either way round");
        assertEquals("discord:7#github:1", TableKeys.suggestion("discord:7", "github:1"));
        assertNull(Kind.of("WELCOME#github#github:1", "WELCOME", Set.of()), "the welcome function's own items");
        assertNull(Kind.of("DELIVERY#github#1", "DELIVERY", Set.of()));
    }

    @Test
    void countsAndTalliesAreCataloguedOnProfilesOnly() {
        assertTrue(Kind.PROFILE.catalogues("c_issue_opened"));
        assertTrue(Kind.PROFILE.catalogues("x_2026-11#github#comment#0.1"));
        assertTrue(Kind.PROFILE.catalogues("pk") && Kind.PROFILE.catalogues("sk"));
        assertFalse(Kind.WEEK.catalogues("c_issue_opened"));
        assertFalse(Kind.PROFILE.catalogues("scores"));
        assertFalse(Kind.LINK.catalogues("score"));
    }
}
