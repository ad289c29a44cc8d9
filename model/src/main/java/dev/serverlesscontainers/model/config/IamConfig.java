package dev.serverlesscontainers.model.config;

import java.util.Optional;

/**
 * {@code compute.awsIam}: exactly one of a policy for a role we create, or a role the user brings.
 *
 * @param customPolicyJson the IAM policy document as JSON (keys in the file's order)
 * @param roleArn an existing role to use as is
 */
public record IamConfig(Optional<String> customPolicyJson, Optional<String> roleArn) {}
