package com.communitypulse.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.communitypulse.api.ApiRoutes.Answer;
import com.communitypulse.api.domain.Identities;
import com.communitypulse.api.store.ContributorReader;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.events.Sources;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.ActionTypes;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.model.CrmIds;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The admin writes: {@code POST /admin/people/{id}/crm} here, {@code POST /admin/identities/link} in
 * {@link IdentityLinkRoute}. The api function only reads the table, so a change
 * is checked here (a 400 with the reason, a 404 for nobody, before anything is published) and then put on the bus as
 * a {@code community.action} from {@link Sources#ADMIN}; the score function, which owns every profile write, applies
 * it once (its action-id guard), as it does the platforms' actions. So the answer is {@code 202}: accepted, applied
 * within moments.
 */
final class AdminRoutes {
    static final String PREFIX = "/admin/people/";
    static final String CRM_RESOURCE = "/admin/people/{id}/crm";
    private static final Pattern CRM_PATH = Pattern.compile("/admin/people/([^/]+)/crm");
    private static final Set<String> FIELDS = Set.of("crm_id", "by", "why");

    private final ContributorReader reader;
    private final EventPublisher bus;
    private final Clock clock;
    private final IdentityLinkRoute links;

    /** @param bus null when the function has no {@code EVENT_BUS_NAME}: admin writes then answer 503 */
    AdminRoutes(ContributorReader reader, EventPublisher bus, Clock clock) {
        this.reader = reader;
        this.bus = bus;
        this.clock = clock;
        this.links = new IdentityLinkRoute(reader, bus, clock);
    }

    static boolean handles(String path, String resource) {
        return resource.startsWith(PREFIX) || path.startsWith(PREFIX) || IdentityLinkRoute.handles(path, resource);
    }

    Answer route(String method, String path, APIGatewayProxyRequestEvent request) {
        if (IdentityLinkRoute.handles(path, request.getResource() == null ? path : request.getResource())) {
            return links.route(method, request);
        }
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
        AdminRequests.Body body = AdminRequests.body(request, FIELDS,
                "{\"crm_id\": \"...\" or null, \"by\": \"who\", \"why\": \"...\"}");
        if (body.refused() != null) {
            return body.refused();
        }
        JsonNode json = body.json();
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
        Answer badByOrWhy = AdminRequests.byAndWhy(json);
        if (badByOrWhy != null) {
            return badByOrWhy;
        }
        if (bus == null) {
            return ApiRoutes.error(503, "admin writes need the bus (EVENT_BUS_NAME is not set)");
        }
        var profile = reader.profileItem(id);
        if (profile.isEmpty()) {
            return ApiRoutes.error(404, "no contributor " + id);
        }
        CommunityAction action = action(profile.get(), request, crmId, json.get("by").asText(), AdminRequests.why(json));
        Answer unpublished = AdminRequests.publish(bus, action);
        if (unpublished != null) {
            return unpublished;
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("status", "accepted");
        out.put("action_id", action.id());
        out.put("person", action.actor());
        out.put("crm_id", crmId);
        return new Answer(202, out.toString());
    }

    /** The change as an action of the person (a linked identity's is its person's); the later of two wins. */
    private CommunityAction action(Map<String, AttributeValue> profile, APIGatewayProxyRequestEvent request,
                                   String crmId, String by, String why) {
        String person = profile.get(ProfileItem.ID).s();
        AttributeValue login = profile.get(ProfileItem.LOGIN);
        return new CommunityAction(CommunityAction.EVENT, AdminRequests.actionId(ActionTypes.CRM_ID_SET, request),
                person, login == null || login.s() == null || login.s().isEmpty()
                        ? person.substring(person.indexOf(':') + 1) : login.s(),
                CommunityAction.USER, ActionContext.admin(AdminRequests.platform(person), ActionTypes.CRM_ID_SET, crmId, by, why),
                clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    }
}
