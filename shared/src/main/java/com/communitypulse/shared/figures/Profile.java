package com.communitypulse.shared.figures;

import com.communitypulse.shared.model.Bots;

/**
 * The part of a {@code PROFILE} item the digest needs: whether an identity is a bot, and its login.
 * A linked identity's profile only names the person it belongs to ({@code linkedTo}).
 */
public record Profile(String id, String login, String kind, String linkedTo) {
    public boolean isBot() {
        return Bots.isBot(kind, login);
    }
}
