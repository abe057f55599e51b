package com.communitypulse.digest.domain;

import java.util.Optional;

/** The digest as words and a picture, before it becomes MIME. {@code chartPng} is empty in a quiet week. */
public record DigestContent(String subject, String text, String html, Optional<byte[]> chartPng) {
    /** The HTML refers to the chart as {@code cid:} + this; the image part carries it as its Content-ID. */
    public static final String CHART_CID = "daily-actions@communitypulse";
}
