package dev.serverlesscontainers.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value only AWS knows, left in a loaded text where {@link AwsLookup#placeholders()} was used: the
 * deploy replaces each one with a value of the Pulumi program (the region, the account id, an SSM
 * parameter). The token is made of private-use characters, so it cannot clash with what a user writes.
 *
 * @param kind what is looked up
 * @param name the SSM parameter's name; empty for the region and the account id
 */
public record AwsPlaceholder(Kind kind, String name) {

    public enum Kind { REGION, ACCOUNT_ID, SSM_PARAMETER }

    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';
    private static final Pattern TOKEN = Pattern.compile(OPEN + "(region|accountId|ssm:([^" + CLOSE + "]*))" + CLOSE);

    public static AwsPlaceholder region() {
        return new AwsPlaceholder(Kind.REGION, "");
    }

    public static AwsPlaceholder accountId() {
        return new AwsPlaceholder(Kind.ACCOUNT_ID, "");
    }

    public static AwsPlaceholder ssm(String parameterName) {
        return new AwsPlaceholder(Kind.SSM_PARAMETER, parameterName);
    }

    /** How it stands inside a loaded text. */
    public String token() {
        return OPEN + switch (kind) {
            case REGION -> "region";
            case ACCOUNT_ID -> "accountId";
            case SSM_PARAMETER -> "ssm:" + name;
        } + CLOSE;
    }

    /** The variable as the user wrote it, for messages. */
    public String variable() {
        return switch (kind) {
            case REGION -> "${aws:region}";
            case ACCOUNT_ID -> "${aws:accountId}";
            case SSM_PARAMETER -> "${ssm:" + name + "}";
        };
    }

    public static boolean isIn(String text) {
        return text != null && text.indexOf(OPEN) >= 0 && TOKEN.matcher(text).find();
    }

    /** The first placeholder in {@code text}, if any. */
    public static Optional<AwsPlaceholder> firstIn(String text) {
        List<Object> parts = split(text);
        return parts.stream().filter(AwsPlaceholder.class::isInstance).map(AwsPlaceholder.class::cast).findFirst();
    }

    /**
     * {@code text} cut into literal strings and placeholders, in order (an empty list for an empty
     * text), so that the caller can join the parts once each placeholder has its value.
     */
    public static List<Object> split(String text) {
        List<Object> parts = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(text.substring(at, m.start()));
            }
            parts.add(m.group(2) != null ? ssm(m.group(2)) : m.group(1).equals("region") ? region() : accountId());
            at = m.end();
        }
        if (at < text.length()) {
            parts.add(text.substring(at));
        }
        return parts;
    }

    /** The text with each placeholder shown as its variable, for messages and listings. */
    public static String describe(String text) {
        StringBuilder b = new StringBuilder();
        for (Object part : split(text)) {
            b.append(part instanceof AwsPlaceholder p ? p.variable() : part);
        }
        return b.toString();
    }
}
