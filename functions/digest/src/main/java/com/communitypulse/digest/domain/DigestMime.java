package com.communitypulse.digest.domain;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * Builds the raw MIME message SES sends:
 * <pre>
 * multipart/related
 *   multipart/alternative
 *     text/plain; charset=UTF-8
 *     text/html; charset=UTF-8
 *   image/png   Content-ID: &lt;daily-actions@communitypulse&gt;, inline
 * </pre>
 * Without a chart (a quiet week) the message is the multipart/alternative alone.
 */
public final class DigestMime {
    private static final Session SESSION = Session.getInstance(new Properties());

    private DigestMime() {
    }

    /** Parses sender/recipient addresses strictly; a bad one is a configuration error with a clear message. */
    public static InternetAddress address(String value, String what) {
        try {
            InternetAddress address = new InternetAddress(value.trim(), true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException(what + " is not a valid email address: " + value, e);
        }
    }

    public static byte[] build(DigestContent content, InternetAddress from, List<InternetAddress> to, Instant date,
                               String week) {
        try {
            MimeMessage message = new MimeMessage(SESSION) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    // The default asks the OS for the host name; a digest's own id is enough and needs no DNS.
                    setHeader("Message-ID", "<digest-" + week + "-" + UUID.randomUUID() + "@communitypulse>");
                }
            };
            message.setFrom(from);
            message.setRecipients(MimeMessage.RecipientType.TO, to.toArray(new InternetAddress[0]));
            message.setSubject(content.subject(), "UTF-8");
            message.setSentDate(Date.from(date));
            message.setHeader("X-Community-Pulse-Week", week);

            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(content.text(), "UTF-8", "plain");
            alternative.addBodyPart(text);
            MimeBodyPart html = new MimeBodyPart();
            html.setText(content.html(), "UTF-8", "html");
            alternative.addBodyPart(html);

            if (content.chartPng().isEmpty()) {
                message.setContent(alternative);
            } else {
                MimeMultipart related = new MimeMultipart("related");
                MimeBodyPart body = new MimeBodyPart();
                body.setContent(alternative);
                related.addBodyPart(body);
                MimeBodyPart image = new MimeBodyPart();
                image.setDataHandler(new DataHandler(new ByteArrayDataSource(content.chartPng().get(), "image/png")));
                image.setContentID("<" + DigestContent.CHART_CID + ">");
                image.setDisposition(MimeBodyPart.INLINE);
                image.setFileName("actions-per-day-" + week + ".png");
                related.addBodyPart(image);
                message.setContent(related);
            }
            message.saveChanges();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toByteArray();
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("could not build the digest's MIME message", e);
        }
    }
}
