package com.communitypulse.tools;

import com.communitypulse.digest.domain.DigestContent;
import com.communitypulse.digest.domain.DigestMime;
import com.communitypulse.digest.domain.DigestRenderer;
import com.communitypulse.shared.figures.DigestFigures;
import com.communitypulse.shared.figures.IsoWeek;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Writes the sample digest ({@link SampleWeek}: a made-up but plausible week, no AWS needed) for
 * {@code functions/digest/render-preview.sh}:
 * {@code digest-example.html} (chart inlined as a data: URL so a browser shows it), {@code .txt} and {@code .eml}.
 * Usage: {@code PreviewDigest [output-dir]} (default {@code docs}).
 */
public final class PreviewDigest {
    private PreviewDigest() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs");
        Files.createDirectories(dir);
        IsoWeek week = SampleWeek.WEEK;
        Instant asOf = SampleWeek.AS_OF;
        DigestFigures figures = SampleWeek.figures(week, asOf);
        DigestContent content = DigestRenderer.content(figures);
        String html = content.html();
        if (content.chartPng().isPresent()) {
            html = html.replace("cid:" + DigestContent.CHART_CID,
                    "data:image/png;base64," + Base64.getEncoder().encodeToString(content.chartPng().get()));
        }
        Files.writeString(dir.resolve("digest-example.html"), html, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("digest-example.txt"), content.text(), StandardCharsets.UTF_8);
        byte[] eml = DigestMime.build(content, DigestMime.address("pulse@example.org", "sender"),
                List.of(DigestMime.address("maintainers@example.org", "recipient")), asOf, week.id());
        Files.write(dir.resolve("digest-example.eml"), eml);
        System.out.println("wrote " + dir.resolve("digest-example.html") + ", .txt and .eml");
    }
}
