package dev.serverlesscontainers.model.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value known only when the Pulumi program runs, left in a loaded text: where
 * {@link AwsLookup#placeholders()} was used, a value only AWS knows (the region, the account id, an SSM
 * parameter); and where the program passed another resource's output as a leaf value (an environment
 * value, a policy, a stage parameter), that output ({@link #output}), which the deploy hands in as
 * its token and resolves by number. The model passes both through untouched and refuses them where it
 * needs the value itself ({@code NodeReader.deferred}). The token is made of private-use characters, so
 * it cannot clash with what a user writes.
 *
 * @param kind what is looked up
 * @param name the SSM parameter's name, or the output's number; empty for the region and the account id
 */
public record AwsPlaceholder(Kind kind, String name) {

    public enum Kind { REGION, ACCOUNT_ID, SSM_PARAMETER, PROGRAM_OUTPUT }

    private static final char OPEN = '\uE000';
    private static final char CLOSE = '\uE001';
    private static final Pattern TOKEN = Pattern.compile(OPEN + "(region|accountId|ssm:([^" + CLOSE + "]*)|output:([0-9]+))" + CLOSE);

    public static AwsPlaceholder region() {
        return new AwsPlaceholder(Kind.REGION, "");
    }

    public static AwsPlaceholder accountId() {
        return new AwsPlaceholder(Kind.ACCOUNT_ID, "");
    }

    public static AwsPlaceholder ssm(String parameterName) {
        return new AwsPlaceholder(Kind.SSM_PARAMETER, parameterName);
    }

    /** The {@code number}th output of another resource that the deploy was given; numbers are the deploy's own. */
    public static AwsPlaceholder output(int number) {
        return new AwsPlaceholder(Kind.PROGRAM_OUTPUT, Integer.toString(number));
    }

    /** How it stands inside a loaded text. */
    public String token() {
        return OPEN + switch (kind) {
            case REGION -> "region";
            case ACCOUNT_ID -> "accountId";
            case SSM_PARAMETER -> "ssm:" + name;
            case PROGRAM_OUTPUT -> "output:" + name;
        } + CLOSE;
    }

    /** The variable as the user wrote it, for messages. */
    public String variable() {
        return switch (kind) {
            case REGION -> "${aws:region}";
            case ACCOUNT_ID -> "${aws:accountId}";
            case SSM_PARAMETER -> "${ssm:" + name + "}";
            case PROGRAM_OUTPUT -> "another resource's output";
        };
    }

    public static boolean isIn(String text) {
        return text != null && text.indexOf(OPEN) >= 0 && TOKEN.matcher(text).find();
    }

    /** Whether {@code text} is one placeholder and nothing else (a whole policy document given as an output). */
    public static boolean isWhole(String text) {
        return text != null && TOKEN.matcher(text).matches();
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
            parts.add(m.group(2) != null ? ssm(m.group(2)) : m.group(3) != null ? output(Integer.parseInt(m.group(3)))
                    : m.group(1).equals("region") ? region() : accountId());
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
