package com.communitypulse.tools;

import com.communitypulse.shared.figures.FigureText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.communitypulse.digest.domain.DigestChart;
import com.communitypulse.digest.domain.DigestContent;
import com.communitypulse.digest.domain.DigestMime;
import com.communitypulse.digest.domain.DigestRenderer;
import com.communitypulse.shared.figures.DigestFigures;
import com.communitypulse.shared.figures.IsoWeek;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The sample week's digest (what PreviewDigest writes) parsed back the way a mail client would read it. */
class SampleDigestMimeTest {
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
    void relatedHoldsTextAndHtmlAlternativesAndTheChartTheHtmlRefersTo() throws Exception {
        DigestFigures figures = SampleWeek.figures(IsoWeek.parse("2026-W47"), AS_OF);
        MimeMessage message = parse(build(figures));

        assertTrue(message.getContentType().startsWith("multipart/related"), message.getContentType());
        assertEquals("pulse@example.org", message.getFrom()[0].toString());
        assertEquals(2, message.getRecipients(MimeMessage.RecipientType.TO).length);
        assertTrue(message.getSubject().startsWith("Community Pulse 2026-W47: 13 active"), message.getSubject());
        assertEquals("2026-W47", message.getHeader("X-Community-Pulse-Week")[0]);

        Multipart related = (Multipart) message.getContent();
        assertEquals(2, related.getCount());
        BodyPart body = related.getBodyPart(0);
        assertTrue(body.getContentType().startsWith("multipart/alternative"), body.getContentType());
        Multipart alternative = (Multipart) body.getContent();
        assertEquals(2, alternative.getCount());
        assertTrue(alternative.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(alternative.getBodyPart(1).isMimeType("text/html"));
        String html = (String) alternative.getBodyPart(1).getContent();
        assertTrue(html.contains("src=\"cid:" + DigestContent.CHART_CID + "\""));

        BodyPart image = related.getBodyPart(1);
        assertTrue(image.isMimeType("image/png"));
        assertEquals("<" + DigestContent.CHART_CID + ">", image.getHeader("Content-ID")[0]);
        assertEquals(BodyPart.INLINE, image.getDisposition());
        try (InputStream png = image.getInputStream()) {
            BufferedImage decoded = ImageIO.read(png);
            assertNotNull(decoded, "the chart part must decode as an image");
            assertEquals(DigestChart.WIDTH, decoded.getWidth());
            assertEquals(DigestChart.HEIGHT, decoded.getHeight());
        }
    }

    @Test
    void plainTextStartsWithTheHeadlineLinesInOrder() throws Exception {
        DigestFigures figures = SampleWeek.figures(IsoWeek.parse("2026-W47"), AS_OF);
        MimeMessage message = parse(build(figures));
        Multipart alternative = (Multipart) ((Multipart) message.getContent()).getBodyPart(0).getContent();
        String[] lines = ((String) alternative.getBodyPart(0).getContent()).split("\r?\n");
        List<String> values = FigureText.headlineValues(figures);
        for (int i = 0; i < FigureText.HEADLINE_LABELS.size(); i++) {
            assertEquals(FigureText.HEADLINE_LABELS.get(i) + ": " + values.get(i), lines[i]);
        }
        assertEquals("Active contributors: " + figures.activeContributors(), lines[0]);
        assertEquals("Pull requests merged: " + figures.prsMerged(), lines[2]);
        assertTrue(lines[3].matches("PR acceptance rate: (\\d{1,3}%|n/a)"), lines[3]);
        assertTrue(lines[4].matches("Median time to first response: (\\d+[smhd].*|n/a)"), lines[4]);
    }

    @Test
    void aHostThatCannotDrawTheChartStillSendsTheDigestInWords() throws Exception {
        DigestFigures figures = SampleWeek.figures(IsoWeek.parse("2026-W47"), AS_OF);
        DigestContent content = DigestRenderer.content(figures, f -> {
            throw new Error("Probable fatal error: No fonts found.");
        });
        assertTrue(content.chartPng().isEmpty());
        assertFalse(content.html().contains("cid:"));
        MimeMessage message = parse(DigestMime.build(content, DigestMime.address("pulse@example.org", "sender"),
                List.of(DigestMime.address("a@example.org", "to")), AS_OF, "2026-W47"));
        assertTrue(message.getContentType().startsWith("multipart/alternative"), message.getContentType());
        assertThrows(OutOfMemoryError.class, () -> DigestRenderer.content(figures, f -> {
            throw new OutOfMemoryError("not ours to swallow");
        }));
    }
}
