package com.communitypulse.local;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The runner's SES v2: {@code SendEmail} requests are written to the outbox as {@code .eml}
 * files (raw MIME as sent, or a plain message built from simple content), so a developer
 * opens the digest in any mail client.
 */
final class LocalSes {
    private final Path outbox;
    private final List<Path> written = new ArrayList<>();

    LocalSes(Path outbox) {
        this.outbox = outbox;
    }

    ObjectNode sendEmail(JsonNode request) throws IOException {
        byte[] mime;
        JsonNode raw = request.path("Content").path("Raw").path("Data");
        if (!raw.isMissingNode()) {
            mime = Base64.getDecoder().decode(raw.asText());
        } else {
            JsonNode simple = request.path("Content").path("Simple");
            String text = "From: " + request.path("FromEmailAddress").asText() + "\r\n"
                    + "To: " + String.join(", ", Json.mapper().convertValue(
                            request.path("Destination").path("ToAddresses"), String[].class)) + "\r\n"
                    + "Subject: " + simple.path("Subject").path("Data").asText() + "\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                    + simple.path("Body").path("Text").path("Data").asText();
            mime = text.getBytes(StandardCharsets.UTF_8);
        }
        String messageId = UUID.randomUUID().toString();
        Files.createDirectories(outbox);
        Path file = outbox.resolve(Instant.now().toString().replace(':', '-') + "-" + messageId + ".eml");
        Files.write(file, mime);
        synchronized (written) {
            written.add(file);
        }
        System.out.println("local SES: email written to " + file);
        ObjectNode response = Json.mapper().createObjectNode();
        response.put("MessageId", messageId);
        return response;
    }

    List<Path> written() {
        synchronized (written) {
            return List.copyOf(written);
        }
    }
}
