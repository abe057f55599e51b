package com.communitypulse.api.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Contributor ids as they come in URLs. */
class IdentitiesTest {
    @Test
    void idsAndLoginFormsAreValidOthersNot() {
        for (String id : List.of("github:583231", "discord:77", "github:@octocat", "discourse:priya_k")) {
            assertTrue(Identities.valid(id), id);
        }
        for (String id : List.of("583231", "GitHub:1", "github:", "github:@", "github:a/b", "github:a b")) {
            assertFalse(Identities.valid(id), id);
        }
        assertFalse(Identities.valid(null));
    }

    @Test
    void decodingKeepsPlusAndRejectsBrokenEscapes() {
        assertEquals("github:583231", Identities.decode("github%3A583231"));
        assertEquals("slack:a+b", Identities.decode("slack%3Aa+b"), "+ is a plus in a path");
        assertEquals("github:583231", Identities.decode("github:583231"));
        assertNull(Identities.decode("github:a%ZZb"));
    }

    @Test
    void theLoginFormNamesPlatformAndLogin() {
        assertTrue(Identities.isLoginForm("github:@OctoCat"));
        assertFalse(Identities.isLoginForm("github:583231"));
        assertEquals("github", Identities.platform("github:@OctoCat"));
        assertEquals("OctoCat", Identities.login("github:@OctoCat"));
    }
}
