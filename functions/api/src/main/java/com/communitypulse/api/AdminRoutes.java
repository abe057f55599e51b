package com.communitypulse.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.communitypulse.api.ApiRoutes.Answer;
import com.communitypulse.api.domain.Identities;
import com.communitypulse.api.store.ContributorReader;
import com.communitypulse.shared.events.BusEvent;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.ActionTypes;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.model.CrmIds;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The admin writes, {@code POST /admin/people/{id}/crm} for now. The api function only reads the table, so a change
 * is checked here (a 400 with the reason, a 404 for nobody, before anything is published) and then put on the bus as
 * a {@code community.action} from {@link Sources#ADMIN}; the score function, which owns every profile write, applies
 * it once (its action-id guard), as it does the platforms' actions. So the answer is {@code 202}: accepted, applied
 * within moments.
 */
final class AdminRoutes {
    static final String PREFIX = "/admin/people/";
    static final String CRM_RESOURCE = "/admin/people/{id}/crm";
    /** A body is a few short fields: anything larger is not one. */
    static final int MAX_BODY = 8 * 1024;
    static final int MAX_BY = 256;
    static final int MAX_WHY = 1024;
    private static final Pattern CRM_PATH = Pattern.compile("/admin/people/([^/]+)/crm");
    private static final Set<String> FIELDS = Set.of("crm_id", "by", "why");
    /** The platforms whose own actions these people are; anyone else's are a custom source's (the schema's enum). */
    private static final Set<String> PLATFORMS = Set.of("github", "discourse", "discord", "slack");

    private final ContributorReader reader;
    private final EventPublisher bus;
    private final Clock clock;

    /** @param bus null when the function has no {@code EVENT_BUS_NAME}: admin writes then answer 503 */
    AdminRoutes(ContributorReader reader, EventPublisher bus, Clock clock) {
        this.reader = reader;
        this.bus = bus;
        this.clock = clock;
    }

    static boolean handles(String path, String resource) {
        return resource.startsWith(PREFIX) || path.startsWith(PREFIX);
    }

    Answer route(String method, String path, APIGatewayProxyRequestEvent request) {
        String raw = request.getPathParameters() != null ? request.getPathParameters().get("id") : null;
        Matcher m = CRM_PATH.matcher(path);
        if (raw == null && m.matches()) {
            raw = m.group(1);
        }
        if (raw == null || !(CRM_RESOURCE.equals(request.getResource()) || m.matches())) {
            return ApiRoutes.error(404, "no such route: " + path);
        }
        if (!method.equals("POST")) {
            return ApiRoutes.error(405, "only POST is supported");
        }
        String id = Identities.decode(raw);
        if (!Identities.valid(id) || Identities.isLoginForm(id)) {
            return ApiRoutes.error(400, "person id must be platform:id, e.g. github:583231");
        }
        String body = body(request);
        if (body == null || body.isBlank()) {
            return ApiRoutes.error(400, "a JSON body is required: {\"crm_id\": \"...\" or null, \"by\": \"who\", \"why\": \"...\"}");
        }
        if (body.length() > MAX_BODY) {
            return ApiRoutes.error(413, "the body is over " + MAX_BODY + " characters");
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            return ApiRoutes.error(400, "the body is not JSON");
        }
        if (json == null || !json.isObject()) {
            return ApiRoutes.error(400, "the body must be a JSON object");
        }
        for (var names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return ApiRoutes.error(400, "unknown field " + name + " (the body takes crm_id, by, why)");
            }
        }
        JsonNode crm = json.get("crm_id");
        if (crm == null) {
            return ApiRoutes.error(400, "crm_id is required (null clears it)");
        }
        if (!crm.isNull() && !crm.isTextual()) {
            return ApiRoutes.error(400, "crm_id must be a string or null");
        }
        String crmId = crm.isNull() ? null : crm.asText();
        if (crmId != null && !CrmIds.valid(crmId)) {
            return ApiRoutes.error(400, CrmIds.problem(crmId));
        }
        JsonNode by = json.get("by");
        if (by == null || !by.isTextual() || !text(by.asText(), MAX_BY) || by.asText().isBlank()) {
            return ApiRoutes.error(400, "by is required: who asks for the change (1 to " + MAX_BY
                    + " characters, no control characters)");
        }
        JsonNode why = json.get("why");
        if (why != null && !why.isNull() && (!why.isTextual() || !text(why.asText(), MAX_WHY))) {
            return ApiRoutes.error(400, "why must be a string of at most " + MAX_WHY + " characters, no control characters");
        }
        if (bus == null) {
            return ApiRoutes.error(503, "admin writes need the bus (EVENT_BUS_NAME is not set)");
        }
        var profile = reader.profileItem(id);
        if (profile.isEmpty()) {
            return ApiRoutes.error(404, "no contributor " + id);
        }
        CommunityAction action = action(profile.get(), request, crmId, by.asText(),
                why == null || why.isNull() || why.asText().isEmpty() ? null : why.asText());
        try {
            bus.publish(List.of(new BusEvent(Sources.ADMIN, Sources.ACTION, Json.mapper().writeValueAsString(action))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            return ApiRoutes.error(503, "the change could not be put on the bus; nothing was changed, try again");
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("status", "accepted");
        out.put("action_id", action.id());
        out.put("person", action.actor());
        out.put("crm_id", crmId);
        return new Answer(202, out.toString());
    }

    /**
     * The change as an action of the person (a linked identity's is its person's). Its id comes from the request's
     * own id, so a retried invocation of the same request is the same action; two requests are two actions, each
     * recorded (the later one wins: the scorer keeps the time of the change it applied).
     */
    private CommunityAction action(Map<String, AttributeValue> profile, APIGatewayProxyRequestEvent request,
                                   String crmId, String by, String why) {
        String person = profile.get(ProfileItem.ID).s();
        String prefix = person.substring(0, person.indexOf(':'));
        String platform = PLATFORMS.contains(prefix) ? prefix : "custom";
        AttributeValue login = profile.get(ProfileItem.LOGIN);
        String requestId = request.getRequestContext() != null && request.getRequestContext().getRequestId() != null
                ? request.getRequestContext().getRequestId() : UUID.randomUUID().toString();
        return new CommunityAction(CommunityAction.EVENT, sha256("admin:" + ActionTypes.CRM_ID_SET + ":" + requestId),
                person, login == null || login.s() == null || login.s().isEmpty()
                        ? person.substring(person.indexOf(':') + 1) : login.s(),
                CommunityAction.USER, ActionContext.admin(platform, ActionTypes.CRM_ID_SET, crmId, by, why),
                clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    }

    private static boolean text(String value, int max) {
        return value.length() <= max && value.chars().noneMatch(Character::isISOControl);
    }

    private static String body(APIGatewayProxyRequestEvent request) {
        String body = request.getBody();
        if (body != null && Boolean.TRUE.equals(request.getIsBase64Encoded())) {
            try {
                return new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return body;
    }

    private static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
