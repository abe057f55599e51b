package com.communitypulse.reconcile.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HookTest {
    @Test
    void repoAndOrgHooksParseToTheirDeliveryPaths() {
        List<Hook> hooks = Hook.parseAll(" repo:octo-org/hello-world:123 , org:octo-org:456,repo:octo-org/hello-world:123");
        assertEquals(2, hooks.size(), "duplicates dropped");
        assertEquals("/repos/octo-org/hello-world/hooks/123/deliveries", hooks.get(0).deliveriesPath());
        assertEquals("/orgs/octo-org/hooks/456/deliveries", hooks.get(1).deliveriesPath());
        assertEquals("repo:octo-org/hello-world:123", hooks.get(0).id());
        assertTrue(Hook.parseAll("").isEmpty());
        assertTrue(Hook.parseAll(null).isEmpty());
    }

    @Test
    void appHooksAndMalformedEntriesAreRefusedWithTheReason() {
        var app = assertThrows(IllegalArgumentException.class, () -> Hook.parse("app:1"));
        assertTrue(app.getMessage().contains("not supported yet"), app.getMessage());
        for (String bad : List.of("repo:octo-org:1", "repo:a/b:x", "org:a/b:1", "user:a:1", "repo:../x/y:1", "repo:a/b")) {
            assertThrows(IllegalArgumentException.class, () -> Hook.parse(bad), bad);
        }
    }
}
