package com.communitypulse.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.communitypulse.api.ApiRoutes.Answer;
import com.communitypulse.api.domain.Identities;
import com.communitypulse.api.store.ContributorReader;
import com.communitypulse.shared.events.EventPublisher;
import com.communitypulse.shared.json.Json;
import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.ActionTypes;
import com.communitypulse.shared.model.CommunityAction;
import com.communitypulse.shared.store.ItemAttributes.LinkItem;
import com.communitypulse.shared.store.ItemAttributes.ProfileItem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code POST /admin/identities/link} {@code {identity, person, by, why}} and its undoing,
 * {@code POST /admin/identities/unlink} {@code {identity, by, why}} ({@link #unlink}). The link: {@code identity} joins {@code person} (the
 * call a suggestion's {@code accept} names). Checked here against the table, each refusal a 4xx with its reason before
 * anything is published: itself, a bot, someone unknown, already linked, or a link that would make a cycle or a chain.
 * Then it is put on the bus as an {@code identity_linked} action of {@code identity} from the admin source, with who
 * asked and why; the score function applies it (re-checking, as it does a custom source's) and records both on the
 * link's activity item. So the answer is {@code 202}.
 */
final class IdentityLinkRoute {
    static final String PATH = "/admin/identities/link";
    /** {@code POST /admin/identities/unlink} {@code {identity, by, why}}: see {@link #unlink}. */
    static final String UNLINK_PATH = "/admin/identities/unlink";
    private static final Set<String> FIELDS = Set.of("identity", "person", "by", "why");
    private static final Set<String> UNLINK_FIELDS = Set.of("identity", "by", "why");
    private static final String USAGE = "{\"identity\": \"discord:77\", \"person\": \"github:583231\", \"by\": \"who\", \"why\": \"...\"}";
    private static final String UNLINK_USAGE = "{\"identity\": \"discord:77\", \"by\": \"who\", \"why\": \"...\"}";

    private final ContributorReader reader;
    private final EventPublisher bus;
    private final Clock clock;

    IdentityLinkRoute(ContributorReader reader, EventPublisher bus, Clock clock) {
        this.reader = reader;
        this.bus = bus;
        this.clock = clock;
    }

    static boolean handles(String path, String resource) {
        return PATH.equals(resource) || PATH.equals(path) || UNLINK_PATH.equals(resource) || UNLINK_PATH.equals(path);
    }

    Answer route(String method, APIGatewayProxyRequestEvent request) {
        if (!method.equals("POST")) {
            return ApiRoutes.error(405, "only POST is supported");
        }
        String path = request.getResource() != null ? request.getResource() : request.getPath();
        return UNLINK_PATH.equals(path) || UNLINK_PATH.equals(request.getPath()) ? unlink(request) : link(request);
    }

    /**
     * {@code identity} leaves the person it is linked to, both getting back what they would have had without the link
     * (the scorer applies it: docs/admin.md, Unlinking). Refused with the reason, nothing published: not linked, a
     * person (unlink its identities instead), or linked before links kept what an unlink needs.
     */
    private Answer unlink(APIGatewayProxyRequestEvent request) {
        AdminRequests.Body body = AdminRequests.body(request, UNLINK_FIELDS, UNLINK_USAGE);
        if (body.refused() != null) {
            return body.refused();
        }
        JsonNode json = body.json();
        String identity = id(json, "identity");
        if (identity == null) {
            return ApiRoutes.error(400, "identity is required, as platform:id (e.g. discord:77): " + UNLINK_USAGE);
        }
        Answer badByOrWhy = AdminRequests.byAndWhy(json);
        if (badByOrWhy != null) {
            return badByOrWhy;
        }
        if (bus == null) {
            return ApiRoutes.error(503, "admin writes need the bus (EVENT_BUS_NAME is not set)");
        }
        Optional<Map<String, AttributeValue>> item = reader.ownProfileItem(identity);
        if (item.isEmpty()) {
            return ApiRoutes.error(404, "no contributor " + identity);
        }
        String person = s(item.get(), LinkItem.LINKED_TO);
        if (person == null) {
            Set<String> linked = new java.util.TreeSet<>(set(item.get(), ProfileItem.IDENTITIES));
            linked.remove(identity);
            return ApiRoutes.error(409, linked.isEmpty() ? identity + " is not linked to anyone: nothing to do"
                    : identity + " is a person, not a linked identity; unlink its identities instead: "
                    + String.join(", ", linked));
        }
        if (!reader.ownRecordsKept(identity) || !reader.ownRecordsKept(person)) {
            return ApiRoutes.error(409, identity + " was linked to " + person + " before links kept what an unlink "
                    + "needs to restore each side exactly; it cannot be unlinked");
        }
        CommunityAction action = new CommunityAction(CommunityAction.EVENT,
                AdminRequests.actionId(ActionTypes.IDENTITY_UNLINKED, request), identity, loginOf(identity, item.get()),
                CommunityAction.USER, ActionContext.admin(AdminRequests.platform(identity), ActionTypes.IDENTITY_UNLINKED,
                        person, json.get("by").asText(), AdminRequests.why(json)),
                clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        return publishAccepted(action, identity, person);
    }

    private static String loginOf(String identity, Map<String, AttributeValue> item) {
        String login = s(item, ProfileItem.LOGIN);
        return login == null || login.isEmpty() ? identity.substring(identity.indexOf(':') + 1) : login;
    }

    private Answer link(APIGatewayProxyRequestEvent request) {
        AdminRequests.Body body = AdminRequests.body(request, FIELDS, USAGE);
        if (body.refused() != null) {
            return body.refused();
        }
        JsonNode json = body.json();
        String identity = id(json, "identity");
        String person = id(json, "person");
        if (identity == null || person == null) {
            return ApiRoutes.error(400, (identity == null ? "identity" : "person")
                    + " is required, as platform:id (e.g. discord:77, github:583231): " + USAGE);
        }
        if (identity.equals(person)) {
            return ApiRoutes.error(400, "an identity cannot be linked to itself: " + identity);
        }
        Answer badByOrWhy = AdminRequests.byAndWhy(json);
        if (badByOrWhy != null) {
            return badByOrWhy;
        }
        if (bus == null) {
            return ApiRoutes.error(503, "admin writes need the bus (EVENT_BUS_NAME is not set)");
        }
        Optional<Map<String, AttributeValue>> identityItem = reader.ownProfileItem(identity);
        if (identityItem.isEmpty()) {
            return ApiRoutes.error(404, "no contributor " + identity);
        }
        Optional<Map<String, AttributeValue>> personItem = reader.ownProfileItem(person);
        if (personItem.isEmpty()) {
            return ApiRoutes.error(404, "no contributor " + person);
        }
        String linkedTo = s(identityItem.get(), LinkItem.LINKED_TO);
        String personLinkedTo = s(personItem.get(), LinkItem.LINKED_TO);
        // the person a link stub stands for: an identity joins a person, never another identity
        String target = personLinkedTo != null ? personLinkedTo : person;
        if (linkedTo != null) {
            return ApiRoutes.error(409, linkedTo.equals(target)
                    ? identity + " is already linked to " + target + ": nothing to do"
                    : identity + " is already linked to " + linkedTo + "; an identity belongs to one person");
        }
        if (target.equals(identity)) {
            return ApiRoutes.error(409, person + " is linked to " + identity + ": linking " + identity
                    + " to it would make a cycle");
        }
        if (set(identityItem.get(), ProfileItem.IDENTITIES).size() > 1) {
            return ApiRoutes.error(409, identity + " already has linked identities of its own; link the other way ("
                    + "identity " + target + ", person " + identity + ") if " + identity + " should stay the person");
        }
        Map<String, AttributeValue> targetItem = personLinkedTo == null ? personItem.get()
                : reader.ownProfileItem(target).orElse(null);
        if (targetItem == null) {
            return ApiRoutes.error(404, "no contributor " + target + " (" + person + " is linked to it)");
        }
        boolean identityIsBot = CommunityAction.BOT.equals(s(identityItem.get(), ProfileItem.KIND));
        if (identityIsBot || CommunityAction.BOT.equals(s(targetItem, ProfileItem.KIND))) {
            return ApiRoutes.error(400, "bots are never linked: " + (identityIsBot ? identity : target) + " is a bot");
        }
        CommunityAction action = action(identity, loginOf(identity, identityItem.get()), target, request,
                json.get("by").asText(), AdminRequests.why(json));
        return publishAccepted(action, identity, target);
    }

    /** Puts the action on the bus and answers {@code 202} with its id, or the refusal when it could not be put. */
    private Answer publishAccepted(CommunityAction action, String identity, String person) {
        Answer unpublished = AdminRequests.publish(bus, action);
        if (unpublished != null) {
            return unpublished;
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("status", "accepted");
        out.put("action_id", action.id());
        out.put("identity", identity);
        out.put("person", person);
        return new Answer(202, out.toString());
    }

    private CommunityAction action(String identity, String login, String person, APIGatewayProxyRequestEvent request,
                                   String by, String why) {
        return new CommunityAction(CommunityAction.EVENT, AdminRequests.actionId(ActionTypes.IDENTITY_LINKED, request),
                identity, login, CommunityAction.USER,
                ActionContext.admin(AdminRequests.platform(identity), ActionTypes.IDENTITY_LINKED, person, by, why),
                clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
    }

    /** A {@code platform:id} field, or null when absent or not one (a login form is not an id). */
    private static String id(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            return null;
        }
        String id = value.asText();
        return Identities.valid(id) && !Identities.isLoginForm(id) ? id : null;
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static Set<String> set(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || !value.hasSs() ? Set.of() : Set.copyOf(value.ss());
    }
}
