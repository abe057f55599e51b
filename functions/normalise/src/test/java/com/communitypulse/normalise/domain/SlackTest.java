package com.communitypulse.normalise.domain;

import static com.communitypulse.normalise.domain.TestDeliveries.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.model.CommunityAction;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackTest {
    @Test
    void aMessageCreditsItsPosterAtItsTs() {
        CommunityAction message = Check.single(fixture("slack/message.json"));
        assertEquals("message_posted", message.context().type());
        assertEquals("slack", message.context().platform());
        assertEquals("slack:T061EG9R6:U061F7AUR", message.actor());
        assertEquals("U061F7AUR", message.actorLogin(), "Slack sends no name with a plain message");
        assertEquals("user", message.actorKind());
        assertEquals("2026-11-20T09:59:50Z", message.timestamp()); // ts 1795168790.000200
        assertEquals("C0LAN2Q65", message.context().repo());
        assertEquals("Is there a guide for the Discourse webhook?".length(), message.context().length());
        assertNull(message.context().thread(), "a channel message opens no thread to answer");
        assertNull(message.context().githubProfiles(), "no profile URL in it: the field is left out");
        assertEquals(TestDeliveries.sha256("slack:T061EG9R6:message:C0LAN2Q65:1795168790.000200"), message.id());
    }

    @Test
    void aThreadReplyJoinsItsThread() {
        CommunityAction reply = Check.single(fixture("slack/message.thread-reply.json"));
        assertEquals("slack:T061EG9R6:C0LAN2Q65:1795168790.000200", reply.context().thread());
        assertEquals("jo", reply.actorLogin());
    }

    @Test
    void editsDirectMessagesAndRemovedReactionsAreIgnored() {
        Check.ignored(fixture("slack/message.changed.json"));
        assertEquals("private conversations are never community telemetry",
                Check.ignored(fixture("slack/message.im.json")).reason());
        Check.ignored(fixture("slack/reaction_removed.json"));
    }

    @Test
    void aBotMessageIsABots() {
        CommunityAction bot = Check.single(fixture("slack/message.bot.json"));
        assertEquals("bot", bot.actorKind());
        assertEquals("slack:T061EG9R6:B0BUILD01", bot.actor());
        assertEquals("ci-bot", bot.actorLogin());
    }

    @Test
    void aShortenedMessageKeepsItsOriginalLength() {
        assertEquals(1820, Check.single(fixture("slack/message.long.json")).context().length());
    }

    @Test
    void aReactionCreditsWhoReacted() {
        CommunityAction reaction = Check.single(fixture("slack/reaction_added.json"));
        assertEquals("reaction_added", reaction.context().type());
        assertEquals("slack:T061EG9R6:U0AB12CD3", reaction.actor());
        assertEquals("2026-11-20T10:11:40Z", reaction.timestamp()); // event_ts 1795169500.000800
        assertEquals(TestDeliveries.sha256("slack:T061EG9R6:reaction:C0LAN2Q65:1795168790.000200:U0AB12CD3:thumbsup"),
                reaction.id());
    }

    @Test
    void aNewMemberJoinsAtTheEventTime() {
        CommunityAction joined = Check.single(fixture("slack/team_join.json"));
        assertEquals("member_joined", joined.context().type());
        assertEquals("slack:T061EG9R6:U0NEW0001", joined.actor());
        assertEquals("riya", joined.actorLogin());
        assertEquals("2026-11-20T10:15:00Z", joined.timestamp()); // event_time 1795169700
    }

    @Test
    void aMessageLinkingAGitHubProfileCarriesItsLoginButNotItsTextNorRepositoryLinks() {
        CommunityAction message = Check.single(fixture("slack/message.profile-url.json"));
        assertEquals(List.of("OctoCat"), message.context().githubProfiles(),
                "the profile in Slack's <url|label> form; the repository and the org page are no profile");
        String published = TestDeliveries.asJson(message).toString();
        assertFalse(published.contains("Hi all"), "the message text stays out: " + published);
        assertTrue(published.contains("\"github_profiles\":[\"OctoCat\"]"), published);
    }
}
