package com.communitypulse.shared.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CrmIdsTest {
    @Test
    void aCrmIdIsShortPrintableTextWithoutSpacesAtItsEnds() {
        assertTrue(CrmIds.valid("0013000000AbCdE"));
        assertTrue(CrmIds.valid("ACME / 42 \u00fc"), "inner spaces and any script are fine");
        assertTrue(CrmIds.valid("x".repeat(128)));
        assertFalse(CrmIds.valid("x".repeat(129)));
        assertFalse(CrmIds.valid(""));
        assertFalse(CrmIds.valid(null));
        assertFalse(CrmIds.valid(" 42"));
        assertFalse(CrmIds.valid("42\t"));
        assertFalse(CrmIds.valid("4\n2"));
        assertFalse(CrmIds.valid("4\u00852"), "C1 controls too");
        assertFalse(CrmIds.valid("4\u20282"), "line separators too");
    }
}
