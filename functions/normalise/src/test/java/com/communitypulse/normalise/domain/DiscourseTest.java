package com.communitypulse.normalise.domain;

import static com.communitypulse.normalise.domain.TestDeliveries.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.model.RawDelivery;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscourseTest {
    private static final String TOPIC_THREAD = "discourse:forum.example.org:topic:5120";

    @Test
    void aReplyCreditsItsAuthorInTheTopicThread() {
        CommunityAction reply = Check.single(fixture("discourse/post_created.reply.json"));
        assertEquals("reply_given", reply.context().type());
        assertEquals("discourse", reply.context().platform());
        assertEquals("discourse:forum.example.org:418", reply.actor());
        assertEquals("ana_lima", reply.actorLogin());
        assertEquals("user", reply.actorKind());
        assertEquals("2026-11-18T09:14:03Z", reply.timestamp());
        assertEquals("7", reply.context().repo());
        assertEquals(TOPIC_THREAD, reply.context().thread());
        assertNull(reply.context().threadAuthor(), "a post does not say who opened its topic");
        assertEquals("https://forum.example.org/t/migration-fails-on-upgrade/5120/3", reply.context().url());
        assertEquals("Try clearing the cache first, then rerun the migration.".length(), reply.context().length());
        assertEquals("4101", reply.context().deliveryId());
        assertEquals(TestDeliveries.sha256("discourse:forum.example.org:post:91210"), reply.id());
    }

    @Test
    void aTopicsFirstPostAndTheTopicEventAreOneTopicCreated() {
        CommunityAction fromPost = Check.single(fixture("discourse/post_created.first-post.json"));
        CommunityAction fromTopic = Check.single(fixture("discourse/topic_created.json"));
        assertEquals("topic_created", fromPost.context().type());
        assertEquals("topic_created", fromTopic.context().type());
        assertEquals(fromTopic.id(), fromPost.id());
        assertEquals(TestDeliveries.sha256("discourse:forum.example.org:topic_created:5120"), fromTopic.id());
        assertEquals("discourse:forum.example.org:377", fromTopic.actor());
        assertEquals("sokafor", fromTopic.actorLogin());
        assertEquals("2026-11-18T08:02:41Z", fromTopic.timestamp());
        assertEquals(TOPIC_THREAD, fromTopic.context().thread());
        assertEquals("discourse:forum.example.org:377", fromTopic.context().threadAuthor());
        assertEquals("https://forum.example.org/t/migration-fails-on-upgrade/5120", fromTopic.context().url());
    }

    @Test
    void aRetryWithANewEventIdGivesTheSameAction() {
        RawDelivery first = fixture("discourse/post_created.reply.json");
        Map<String, String> headers = new HashMap<>(first.headers());
        headers.put("x-discourse-event-id", "4999");
        RawDelivery retry = new RawDelivery(first.platform(), first.event(), "4999", "2026-11-20T10:05:00Z", headers,
                first.payload(), null);
        assertEquals(Check.single(first).id(), Check.single(retry).id());
    }

    @Test
    void privateMessagesAreNeverCounted() {
        assertEquals("private conversations are never community telemetry",
                Check.ignored(fixture("discourse/post_created.private-message.json")).reason());
        Check.ignored(fixture("discourse/topic_created.private-message.json"));
    }

    @Test
    void anAcceptedSolutionCreditsTheAnswersAuthorAtArrival() {
        CommunityAction solved = Check.single(fixture("discourse/accepted_solution.json"));
        assertEquals("answer_accepted", solved.context().type());
        assertEquals("discourse:forum.example.org:418", solved.actor());
        assertEquals(TestDeliveries.RECEIVED_AT, solved.timestamp());
        assertEquals(TOPIC_THREAD, solved.context().thread());
        assertEquals(TestDeliveries.sha256("discourse:forum.example.org:answer_accepted:5120:91210"), solved.id());
    }

    @Test
    void aLikeCreditsWhoLikedIt() {
        CommunityAction like = Check.single(fixture("discourse/post_liked.json"));
        assertEquals("reaction_added", like.context().type());
        assertEquals("discourse:forum.example.org:377", like.actor());
        assertEquals("sokafor", like.actorLogin());
        assertEquals(TestDeliveries.sha256("discourse:forum.example.org:like:91210:377"), like.id());
    }

    @Test
    void aNewUserIsAMemberJoinedAtSignUp() {
        CommunityAction joined = Check.single(fixture("discourse/user_created.json"));
        assertEquals("member_joined", joined.context().type());
        assertEquals("discourse:forum.example.org:377", joined.actor());
        assertEquals("2026-11-18T07:55:12Z", joined.timestamp());
        assertEquals("https://forum.example.org/u/sokafor", joined.context().url());
    }

    @Test
    void systemUsersAreBots() {
        CommunityAction closing = Check.single(fixture("discourse/post_created.system.json"));
        assertEquals("bot", closing.actorKind());
        assertEquals("discourse:forum.example.org:-1", closing.actor());
    }

    @Test
    void aShortenedPostKeepsItsOriginalLength() {
        assertEquals(2874, Check.single(fixture("discourse/post_created.long.json")).context().length());
    }

    @Test
    void editsAndPingsAreIgnored() {
        assertTrue(Check.ignored(fixture("discourse/post_edited.json")).reason().contains("never count twice"));
        Check.ignored(fixture("discourse/ping.json"));
    }

    @Test
    void withoutTheInstanceHeaderNoActorCanBeNamed() {
        RawDelivery reply = fixture("discourse/post_created.reply.json");
        RawDelivery headless = new RawDelivery(reply.platform(), reply.event(), reply.deliveryId(), reply.receivedAt(),
                Map.of(), reply.payload(), null);
        assertTrue(Check.unmappable(headless).reason().contains("x-discourse-instance"));
    }
}
