package dev.serverlesscontainers.devmode.aws;

import java.util.regex.Pattern;

/** IAM role ARNs: {@code arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME}. */
final class RoleArns {
    private RoleArns() {}

    private static final Pattern ROLE_ARN = Pattern.compile("^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}$");

    static boolean isRoleArn(String s) {
        return s != null && ROLE_ARN.matcher(s).matches();
    }

    /** The ARN of a role named {@code name} (path {@code /}) in an account. */
    static String of(String partition, String account, String name) {
        return "arn:" + partition + ":iam::" + account + ":role/" + name;
    }

    /** The role's name: the part after the last slash. */
    static String name(String roleArn) {
        return roleArn.substring(roleArn.lastIndexOf('/') + 1);
    }
}
