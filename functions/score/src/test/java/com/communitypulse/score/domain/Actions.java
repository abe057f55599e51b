package com.communitypulse.score.domain;

import com.communitypulse.shared.model.ActionContext;
import com.communitypulse.shared.model.CommunityAction;

/** Builds community.action values for tests. */
public final class Actions {
    private Actions() {
    }

    public static CommunityAction action(String id, String actor, String login, String type, String timestamp) {
        return new CommunityAction(CommunityAction.EVENT, id, actor, login, CommunityAction.USER,
                context(platformOf(actor), type, null, null, null), timestamp);
    }

    public static CommunityAction withLength(CommunityAction a, int length) {
        ActionContext c = a.context();
        return a.withContext(new ActionContext(c.platform(), c.type(), c.repo(), null, c.url(), length,
                c.isFirstContribution(), c.authorAssociation(), c.thread(), c.threadAuthor(), c.target(), c.deliveryId()));
    }

    public static CommunityAction withAssociation(CommunityAction a, String association) {
        ActionContext c = a.context();
        return a.withContext(new ActionContext(c.platform(), c.type(), c.repo(), null, c.url(), c.length(),
                c.isFirstContribution(), association, c.thread(), c.threadAuthor(), c.target(), c.deliveryId()));
    }

    public static CommunityAction inThread(CommunityAction a, String thread, String threadAuthor) {
        ActionContext c = a.context();
        return a.withContext(new ActionContext(c.platform(), c.type(), "octo-org/hello-world", null, c.url(), c.length(),
                c.isFirstContribution(), c.authorAssociation(), thread, threadAuthor, c.target(), c.deliveryId()));
    }

    public static CommunityAction link(String id, String actor, String login, String target, String timestamp) {
        return new CommunityAction(CommunityAction.EVENT, id, actor, login, CommunityAction.USER,
                context(platformOf(actor), "identity_linked", null, target, null), timestamp);
    }

    public static CommunityAction bot(String id, String actor, String login, String type, String timestamp) {
        return new CommunityAction(CommunityAction.EVENT, id, actor, login, CommunityAction.BOT,
                context(platformOf(actor), type, null, null, null), timestamp);
    }

    private static ActionContext context(String platform, String type, Integer length, String target, String association) {
        return new ActionContext(platform, type, "octo-org/hello-world", null, null, length, null, association,
                null, null, target, null);
    }

    private static String platformOf(String actor) {
        return actor.substring(0, actor.indexOf(':'));
    }
}
