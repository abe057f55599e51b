package com.communitypulse.api.domain;

import com.communitypulse.shared.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * One recorded action of {@code /admin/export/actions.jsonl}, as its {@code DAY#} activity item holds it: who
 * ({@code person} it counted for, {@code actor} the identity that acted), what and where, the points and the
 * scoring config that gave them; {@code target}/{@code linkResult} on {@code identity_linked}; {@code target} (the CRM id), {@code by},
 * {@code why} and {@code result} on {@code crm_id_set}. The table's
 * own bookkeeping (the events outbox, the TTL) is left out.
 */
public record ActionRow(String id, String ts, String type, String platform, String person, String actor,
                        String login, String kind, String repo, BigDecimal impact, Boolean first, String thread,
                        String url, Long length, String authorAssociation, String configVersion, String target,
                        String linkResult, String by, String why, String result) {
    /** The JSON line (without its newline): every field present, null when the item has none. */
    public ObjectNode json() {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("id", id).put("ts", ts).put("type", type).put("platform", platform).put("person", person)
                .put("actor", actor).put("login", login).put("kind", kind).put("repo", repo).put("impact", impact)
                .put("first", first).put("thread", thread).put("url", url).put("length", length)
                .put("author_association", authorAssociation).put("config_version", configVersion)
                .put("target", target).put("link_result", linkResult).put("by", by).put("why", why)
                .put("result", result);
        return out;
    }
}
