package com.communitypulse.webhook.platform;

import com.communitypulse.shared.json.Json;
import com.communitypulse.webhook.domain.WebhookRequest;
import com.communitypulse.webhook.domain.WebhookResponse;
import com.communitypulse.webhook.secrets.SecretName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Discord's interactions endpoint: Ed25519 ({@code X-Signature-Ed25519}, hex) over
 * {@code X-Signature-Timestamp} + raw body with the application's public key; the timestamp must
 * be within 5 minutes. A PING ({@code type 1}) is answered {@code {"type":1}}; a Webhook Events PING
 * ({@code type 0}) with 204. The {@code /kudos} and {@code /link} commands are answered at once with
 * a visible message while the work itself goes through the bus; Discord waits at most 3 seconds.
 */
public final class DiscordInteractions implements Platform {
    static final int PING = 1;
    static final int APPLICATION_COMMAND = 2;
    static final int CHANNEL_MESSAGE = 4;
    static final int EPHEMERAL = 64;
    static final Set<String> COMMANDS = Set.of("kudos", "link");
    /** Longest user text echoed back (Discord allows 2000 characters per message). */
    static final int ECHO_LIMIT = 200;

    @Override
    public String route() {
        return "discord";
    }

    @Override
    public String id() {
        return "discord";
    }

    @Override
    public SecretName secret() {
        return SecretName.DISCORD;
    }

    @Override
    public Set<String> mediaTypes() {
        return Set.of("application/json");
    }

    @Override
    public void verify(WebhookRequest request, byte[] body, List<String> publicKeys, Instant now) throws Rejected {
        String header = request.header("X-Signature-Ed25519").orElseThrow(
                () -> Rejected.unauthorized("missing_signature", "X-Signature-Ed25519 header is missing"));
        String timestamp = request.header("X-Signature-Timestamp").orElse(null);
        Signatures.requireFreshTimestamp(timestamp, "X-Signature-Timestamp", now);
        byte[] signature = Signatures.parseHex(header);
        List<PublicKey> keys = new ArrayList<>();
        for (String hex : publicKeys) {
            PublicKey key = Signatures.ed25519PublicKey(hex);
            if (key != null) {
                keys.add(key);
            }
        }
        byte[] signed = Signatures.concat(timestamp.getBytes(StandardCharsets.UTF_8), body);
        if (signature == null || signature.length != 64 || !Signatures.anyEd25519Verifies(keys, signed, signature)) {
            throw Rejected.unauthorized("bad_signature", "X-Signature-Ed25519 does not match the timestamp and body");
        }
    }

    /**
     * Discord does not retry interactions and shows "This interaction failed" for anything but an
     * interaction response, so a copy in progress gets a private type 4 answer rather than a 409.
     */
    @Override
    public Optional<WebhookResponse> copyInProgress() {
        return Optional.of(reply("This command is still being recorded. If it has not shown up in a minute, run it again.",
                true, null));
    }

    @Override
    public Interpretation interpret(WebhookRequest request, byte[] body, Instant now) throws Rejected {
        ObjectNode interaction = JsonBodies.object(body, "the body");
        JsonNode type = interaction.get("type");
        if (type == null || !type.isInt()) {
            throw Rejected.badRequest("bad_shape", "body.type is missing or not an integer");
        }
        boolean webhookEvent = !interaction.has("token") && (interaction.has("event") || type.asInt() == 0);
        if (webhookEvent) {
            // Webhook Events (type 0 PING, type 1 event): acknowledged with 204; Community Pulse uses none of them
            return new Interpretation.Answer(WebhookResponse.noContent());
        }
        if (type.asInt() == PING) {
            return new Interpretation.Answer(WebhookResponse.json(200, "type", PING));
        }
        if (type.asInt() != APPLICATION_COMMAND) {
            throw Rejected.badRequest("unsupported_interaction", "only PING and application commands are handled");
        }
        String id = JsonBodies.text(interaction, "id", "body");
        JsonNode data = interaction.get("data");
        String name = data == null ? null : data.path("name").asText(null);
        if (name == null || !COMMANDS.contains(name)) {
            return new Interpretation.Answer(reply("Community Pulse knows /kudos and /link only.", true, null));
        }
        String caller = interaction.path("member").path("user").path("id").asText(
                interaction.path("user").path("id").asText(""));
        return new Interpretation.Delivery("command." + name, id, id, Map.of(), interaction,
                "kudos".equals(name) ? kudosReply(caller, data) : linkReply(caller, data));
    }

    private static WebhookResponse kudosReply(String caller, JsonNode data) {
        String target = null;
        String reason = null;
        for (JsonNode option : data.path("options")) {
            if (option.path("type").asInt() == 6 && target == null) { // USER option
                target = option.path("value").asText(null);
            } else if (option.path("type").asInt() == 3 && reason == null) { // STRING option
                reason = option.path("value").asText(null);
            }
        }
        StringBuilder text = new StringBuilder("Kudos");
        if (!caller.isEmpty()) {
            text.append(" from <@").append(caller).append('>');
        }
        if (target != null) {
            text.append(" to <@").append(target).append('>');
        }
        text.append('!');
        if (reason != null && !reason.isBlank()) {
            text.append(" \"").append(echo(reason)).append('"');
        }
        return reply(text.toString(), false, target);
    }

    private static WebhookResponse linkReply(String caller, JsonNode data) {
        String account = null;
        for (JsonNode option : data.path("options")) {
            if (option.path("value").isTextual()) {
                account = option.path("value").asText();
                break;
            }
        }
        String text = account == null
                ? "Link request received."
                : "Link request received: " + (caller.isEmpty() ? "you" : "<@" + caller + ">") + " -> `" + echo(account).replace("`", "") + "`.";
        return reply(text, false, null);
    }

    /**
     * An immediate channel message. Mentions are limited to the kudos recipient, so user text
     * such as {@code @everyone} can never ping a whole server.
     */
    static WebhookResponse reply(String content, boolean ephemeral, String mentionedUser) {
        ObjectNode response = Json.mapper().createObjectNode().put("type", CHANNEL_MESSAGE);
        ObjectNode data = response.putObject("data").put("content", content);
        if (ephemeral) {
            data.put("flags", EPHEMERAL);
        }
        ObjectNode allowed = data.putObject("allowed_mentions");
        allowed.putArray("parse");
        if (mentionedUser != null) {
            allowed.putArray("users").add(mentionedUser);
        }
        return WebhookResponse.json(200, response);
    }

    private static String echo(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= ECHO_LIMIT ? oneLine : oneLine.substring(0, ECHO_LIMIT) + "...";
    }
}
