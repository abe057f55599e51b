package com.communitypulse.normalise.domain;

import static com.communitypulse.normalise.domain.TestDeliveries.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.model.RawDelivery;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class DiscordTest {
    @Test
    void kudosCreditTheCallerAndNameTheRecipient() {
        CommunityAction kudos = Check.single(fixture("discord/command.kudos.json"));
        assertEquals("kudos_given", kudos.context().type());
        assertEquals("discord", kudos.context().platform());
        assertEquals("discord:53908232506183680", kudos.actor());
        assertEquals("mason", kudos.actorLogin());
        assertEquals("discord:80351110224678912", kudos.context().target());
        assertEquals("1181190747898089502", kudos.context().repo());
        assertEquals("https://discord.com/channels/1181190747898089500/1181190747898089502", kudos.context().url());
        // snowflake 1310000000000000000: (id >> 22) + 1420070400000 ms = 2024-11-23T21:52:18.623Z
        assertEquals("2024-11-23T21:52:18Z", kudos.timestamp());
        assertEquals(TestDeliveries.sha256("discord:kudos:1310000000000000000"), kudos.id());
    }

    @Test
    void kudosInADirectMessageComeFromTheUserField() {
        CommunityAction kudos = Check.single(fixture("discord/command.kudos.dm.json"));
        assertEquals("discord:53908232506183680", kudos.actor());
        assertEquals("discord:80351110224678912", kudos.context().target());
        assertEquals("2024-11-23T21:52:48Z", kudos.timestamp());
    }

    @Test
    void kudosToYourselfOrToNobodyAreIgnored() {
        Check.ignored(fixture("discord/command.kudos.self.json"));
        RawDelivery kudos = fixture("discord/command.kudos.json");
        ObjectNode payload = kudos.payload().deepCopy();
        ((ObjectNode) payload.get("data")).putArray("options");
        Check.ignored(new RawDelivery("discord", "command.kudos", "x", kudos.receivedAt(), null, payload, null));
    }

    @Test
    void linkingByLoginOrIdNamesTheOtherIdentity() {
        CommunityAction byLogin = Check.single(fixture("discord/command.link.login.json"));
        assertEquals("identity_linked", byLogin.context().type());
        assertEquals("discord:53908232506183680", byLogin.actor());
        assertEquals("github:@octocat", byLogin.context().target());
        assertEquals(TestDeliveries.sha256("discord:identity_linked:53908232506183680:github:@octocat"), byLogin.id());

        CommunityAction byId = Check.single(fixture("discord/command.link.id.json"));
        assertEquals("github:583231", byId.context().target());
        assertNotEquals(byLogin.id(), byId.id());
    }

    @Test
    void linkingWithAnOptionNamedAfterThePlatformWorksToo() {
        CommunityAction link = Check.single(fixture("discord/command.link.platform-option.json"));
        assertEquals("github:@Octocat", link.context().target(), "the @ is dropped; the scorer matches logins");
    }

    @Test
    void linkingTheSameIdentityAgainIsTheSameAction() {
        RawDelivery first = fixture("discord/command.link.login.json");
        ObjectNode again = first.payload().deepCopy();
        again.put("id", "1310000000000009999");
        assertEquals(Check.single(first).id(),
                Check.single(new RawDelivery("discord", "command.link", "y", first.receivedAt(), null, again, null)).id());
    }

    @Test
    void anUnknownPlatformOrCommandIsIgnored() {
        Check.ignored(fixture("discord/command.link.unknown-platform.json"));
        RawDelivery kudos = fixture("discord/command.kudos.json");
        Check.ignored(new RawDelivery("discord", "command.poll", "z", kudos.receivedAt(), null, kudos.payload(), null));
    }
}
