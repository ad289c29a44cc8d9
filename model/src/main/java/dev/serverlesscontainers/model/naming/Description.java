package dev.serverlesscontainers.model.naming;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What AWS accepts in the free-text descriptions and comments the deploy writes, per kind of
 * resource. Mocks accept any text; AWS refuses the whole request, so every description goes through
 * {@link #checked} and the component's tests hold every recorded description against its kind.
 */
public enum Description {
    /**
     * Security groups and their rules. The documented set for groups also allows {@code &}, the one for
     * rules that reference a group or a prefix list does not: the narrower set fits both.
     */
    EC2(255, "[a-zA-Z0-9 ._\\-:/()#,@\\[\\]+=;{}!$*]*"),
    /** IAM roles: tab, line breaks, printable ASCII and Latin-1. */
    IAM(1000, "[\\t\\n\\r\\u0020-\\u007E\\u00A1-\\u00FF]*"),
    LAMBDA_FUNCTION(256, "(?s).*"),
    SSM_PARAMETER(1024, "(?s).*"),
    /** CloudFront distributions' and functions' comments. */
    CLOUDFRONT_COMMENT(128, "(?s).*"),
    ORIGIN_ACCESS_CONTROL(256, "(?s).*");

    private final int maxLength;
    private final Pattern allowed;

    Description(int maxLength, String allowed) {
        this.maxLength = maxLength;
        this.allowed = Pattern.compile(allowed);
    }

    /** Why AWS would refuse {@code text} as a description of this kind, if it would. */
    public Optional<String> problem(String text) {
        if (text.length() > maxLength) {
            return Optional.of("is " + text.length() + " characters; AWS allows " + maxLength + " (" + text + ")");
        }
        if (!allowed.matcher(text).matches()) {
            String refused = text.codePoints().filter(c -> !allowed.matcher(Character.toString(c)).matches())
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            return Optional.of("has characters AWS refuses here (" + refused + ") in: " + text);
        }
        return Optional.empty();
    }

    /**
     * The text, when AWS accepts it.
     *
     * @throws IllegalArgumentException when it would not: a bug of the deploy's own wording, not of the user's file
     */
    public String checked(String text) {
        problem(text).ifPresent(p -> {
            throw new IllegalArgumentException(name() + " description " + p);
        });
        return text;
    }
}
