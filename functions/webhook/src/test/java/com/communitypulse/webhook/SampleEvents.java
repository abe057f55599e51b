package com.communitypulse.webhook;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sample API Gateway events in {@code events/webhook-*.json}, signed with the local
 * development secrets. Regenerate them with
 * {@code java -cp <test classpath> com.communitypulse.webhook.SampleEvents <repository root>};
 * {@code SampleEventsTest} checks that the committed files still verify.
 */
public final class SampleEvents {
    /** 2026-11-20T10:00:00Z: the signing time of the timestamped samples (stale by now, on purpose). */
    public static final long SIGNED_AT = 1_795_168_800L;

    static final String DISCOURSE_POST = """
            {"post":{"id":1021,"name":"Ada Lovelace","username":"ada","avatar_template":"/user_avatar/forum.example.org/ada/{size}/7_2.png","created_at":"2026-11-20T09:58:41.123Z","cooked":"<p>Setting the webhook secret fixed it for me, thanks!</p>","post_number":3,"post_type":1,"updated_at":"2026-11-20T09:58:41.123Z","reply_count":0,"reply_to_post_number":null,"quote_count":0,"incoming_link_count":0,"reads":1,"score":0,"topic_id":204,"topic_slug":"webhook-signature-fails","topic_title":"Webhook signature fails","category_id":5,"display_username":"Ada Lovelace","primary_group_name":null,"version":1,"user_title":null,"bookmarked":false,"raw":"Setting the webhook secret fixed it for me, thanks!","moderator":false,"admin":false,"staff":false,"user_id":42,"hidden":false,"trust_level":1,"deleted_at":null,"user_deleted":false,"edit_reason":null,"wiki":false,"reviewable_id":null,"reviewable_score_count":0,"reviewable_score_pending_count":0,"topic_posts_count":3,"topic_filtered_posts_count":3,"topic_archetype":"regular","category_slug":"support"}}""";

    static final String SLACK_MESSAGE = """
            {"token":"XXYYZZ","team_id":"T061EG9R6","api_app_id":"A0PNCHHK2","event":{"type":"message","channel":"C0LAN2Q65","user":"U061F7AUR","text":"Is there a guide for the Discourse webhook?","ts":"1795168790.000200","event_ts":"1795168790.000200","channel_type":"channel"},"type":"event_callback","authorizations":[{"enterprise_id":null,"team_id":"T061EG9R6","user_id":"U0PNHQB2X","is_bot":false,"is_enterprise_install":false}],"event_id":"Ev0PV52K25","event_time":1795168790,"event_context":"4-eyJldCI6Im1lc3NhZ2UiLCJ0aWQiOiJUMDYxRUc5UjYiLCJhaWQiOiJBMFBOQ0hISzIiLCJjaWQiOiJDMExBTjJRNjUifQ"}""";

    static final String COMMUNITY_ACTION = """
            {"event":"community.action","id":"meetup-2026-11-19-talk-ada","actor":"custom:ada@example.org","actor_login":"ada","actor_kind":"user","context":{"platform":"custom","type":"talk_given","repo":"meetups/berlin","url":"https://meetup.example.org/events/42"},"timestamp":"2026-11-19T18:30:00Z"}""";

    static final String DISCORD_KUDOS = """
            {"app_permissions":"2248473465835073","application_id":"1181190290211438592","channel_id":"1181190747898089502","data":{"id":"1181197425024294912","name":"kudos","options":[{"name":"to","type":6,"value":"80351110224678912"},{"name":"for","type":3,"value":"fixing the Discourse webhook docs"}],"type":1},"guild_id":"1181190747898089500","id":"1307004321012342784","locale":"en-GB","member":{"user":{"id":"53908232506183680","username":"mason","global_name":"Mason"},"roles":[],"permissions":"2248473465835073"},"token":"aW50ZXJhY3Rpb246MTMwNzAwNDMyMTAxMjM0Mjc4NDpzYW1wbGUtdG9rZW4","type":2,"version":1}""";

    private SampleEvents() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        Path events = root.resolve("events");
        String pullRequest = compact(Files.readString(root.resolve("events/github/pull_request.opened.json")));
        String ping = compact(Files.readString(root.resolve("events/github/ping.json")));
        String issue = compact(Files.readString(root.resolve("events/github/issues.opened.json")));

        write(events.resolve("webhook-github-pull-request-opened.json"), "github", "2f1c8a1e-c5b6-11f0-8e9a-3e1d2c4b5a69",
                PlatformSigner.github(PlatformSigner.DEV_GITHUB_SECRET, "pull_request", "2f1c8a1e-c5b6-11f0-8e9a-3e1d2c4b5a69", pullRequest),
                pullRequest);
        write(events.resolve("webhook-github-ping.json"), "github", "6a3e9a10-c5b6-11f0-9b7e-0f2e1d3c4b5a",
                PlatformSigner.github(PlatformSigner.DEV_GITHUB_SECRET, "ping", "6a3e9a10-c5b6-11f0-9b7e-0f2e1d3c4b5a", ping), ping);
        String form = "payload=" + URLEncoder.encode(issue, StandardCharsets.UTF_8);
        Map<String, String> formHeaders = PlatformSigner.github(PlatformSigner.DEV_GITHUB_SECRET, "issues",
                "7b4f0b21-c5b6-11f0-8c1d-1a2b3c4d5e6f", form);
        formHeaders.put("Content-Type", "application/x-www-form-urlencoded");
        write(events.resolve("webhook-github-issues-opened-form.json"), "github", "7b4f0b21-c5b6-11f0-8c1d-1a2b3c4d5e6f",
                formHeaders, form);
        write(events.resolve("webhook-discourse-post-created.json"), "discourse", "b0e7c1d2-discourse",
                PlatformSigner.discourse(PlatformSigner.DEV_DISCOURSE_SECRET, "post_created", "post", "3187", DISCOURSE_POST),
                DISCOURSE_POST);
        write(events.resolve("webhook-slack-message.json"), "slack", "c1f8d2e3-slack",
                PlatformSigner.slack(PlatformSigner.DEV_SLACK_SECRET, SIGNED_AT, SLACK_MESSAGE), SLACK_MESSAGE);
        write(events.resolve("webhook-discord-kudos.json"), "discord", "d2a9e3f4-discord",
                PlatformSigner.discord(PlatformSigner.DEV_DISCORD_SEED, SIGNED_AT, DISCORD_KUDOS), DISCORD_KUDOS);
        write(events.resolve("webhook-community-action.json"), "community", "e3b0f4a5-community",
                PlatformSigner.community(PlatformSigner.DEV_COMMUNITY_SECRET, SIGNED_AT, COMMUNITY_ACTION), COMMUNITY_ACTION);
    }

    static String compact(String json) throws IOException {
        return Json.mapper().writeValueAsString(Json.mapper().readTree(json));
    }

    private static void write(Path file, String platform, String requestId, Map<String, String> headers, String body)
            throws IOException {
        ObjectNode event = Json.mapper().createObjectNode();
        event.put("resource", "/webhooks/{platform}");
        event.put("path", "/webhooks/" + platform);
        event.put("httpMethod", "POST");
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Host", "abcdef1234.execute-api.eu-west-1.amazonaws.com");
        all.put("X-Forwarded-Proto", "https");
        event.set("headers", Json.mapper().valueToTree(all));
        event.putNull("queryStringParameters");
        event.putObject("pathParameters").put("platform", platform);
        ObjectNode context = event.putObject("requestContext");
        context.put("resourcePath", "/webhooks/{platform}");
        context.put("httpMethod", "POST");
        context.put("path", "/dev/webhooks/" + platform);
        context.put("stage", "dev");
        context.put("requestId", requestId);
        context.putObject("identity").put("sourceIp", "192.0.2.10");
        event.put("body", body);
        event.put("isBase64Encoded", false);
        Files.writeString(file, Json.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(event) + "\n");
    }
}
