package com.communitypulse.digest.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.shared.figures.Activity;
import com.communitypulse.shared.figures.FigureCalculator;
import com.communitypulse.shared.figures.DigestFigures;
import com.communitypulse.shared.figures.IsoWeek;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The message is parsed back the way a mail client would read it. */
class DigestMimeTest {
    private static final Instant AS_OF = Instant.parse("2026-11-23T09:00:00Z");

    static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    private static byte[] build(DigestFigures figures) {
        return DigestMime.build(DigestRenderer.content(figures), DigestMime.address("pulse@example.org", "sender"),
                List.of(DigestMime.address("a@example.org", "to"), DigestMime.address("b@example.org", "to")),
                AS_OF, figures.week().id());
    }

    @Test
    void aQuietWeekIsShortTextAndHtmlWithoutAChart() throws Exception {
        IsoWeek week = IsoWeek.parse("2026-W30");
        DigestFigures quiet = FigureCalculator.compute(week, AS_OF, List.of(), Map.of(), Map.of());
        MimeMessage message = parse(build(quiet));
        assertTrue(message.getContentType().startsWith("multipart/alternative"), message.getContentType());
        assertEquals("Community Pulse 2026-W30: a quiet week", message.getSubject());
        Multipart alternative = (Multipart) message.getContent();
        String text = (String) alternative.getBodyPart(0).getContent();
        assertTrue(text.startsWith("Active contributors: 0\nNew contributors: 0\nPull requests merged: 0\n"
                + "PR acceptance rate: n/a\nMedian time to first response: n/a\nUnanswered after 24h: 0\n")
                || text.startsWith("Active contributors: 0\r\nNew contributors: 0\r\n"), text);
        assertTrue(text.contains("A quiet week"));
        String html = (String) alternative.getBodyPart(1).getContent();
        assertFalse(html.contains("cid:"));
    }

    @Test
    void namesAndLinksFromThePlatformsAreEscapedInHtml() {
        IsoWeek week = IsoWeek.parse("2026-W47");
        Activity hostile = new Activity("z1", "github:666", "<script>alert(1)</script>", "user", "github", "pr_merged",
                "o/r", 0.9, Instant.parse("2026-11-18T10:00:00Z"), true, null, "javascript:alert(1)", null, null);
        DigestFigures figures = FigureCalculator.compute(week, AS_OF, List.of(hostile), Map.of(), Map.of());
        String html = DigestRenderer.html(figures, false);
        assertFalse(html.contains("<script>"));
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(html.contains("href=\"javascript:"), "only http(s) links are linked");
    }

    @Test
    void badAddressesAreRejectedWithTheSettingsName() {
        var e = assertThrows(IllegalArgumentException.class, () -> DigestMime.address("not an address", "DIGEST_SENDER"));
        assertTrue(e.getMessage().contains("DIGEST_SENDER"));
    }
}
