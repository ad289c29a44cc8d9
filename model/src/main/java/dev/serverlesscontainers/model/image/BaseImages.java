package dev.serverlesscontainers.model.image;

import java.util.Map;

/**
 * The images generated Dockerfiles start from. Teams that use a registry mirror (or, on machines
 * that cannot pull, images built locally) override them, with the environment variables named here
 * or through the component's and {@code scf-dev}'s options.
 *
 * @param node for Node.js apps
 * @param python for Python apps
 * @param java for running Java apps (a JRE)
 * @param javaBuild for building Maven projects (Maven and a JDK)
 * @param lambdaAdapter the image that holds the AWS Lambda Web Adapter at {@code /lambda-adapter}
 */
public record BaseImages(String node, String python, String java, String javaBuild, String lambdaAdapter) {

    public static final String NODE_VARIABLE = "SCF_BASE_IMAGE_NODE";
    public static final String PYTHON_VARIABLE = "SCF_BASE_IMAGE_PYTHON";
    public static final String JAVA_VARIABLE = "SCF_BASE_IMAGE_JAVA";
    public static final String JAVA_BUILD_VARIABLE = "SCF_BASE_IMAGE_JAVA_BUILD";
    public static final String LAMBDA_ADAPTER_VARIABLE = "SCF_LAMBDA_ADAPTER_IMAGE";

    public static final BaseImages DEFAULTS = new BaseImages(
            "node:20-slim",
            "python:3.12-slim",
            "eclipse-temurin:21-jre",
            "maven:3.9-eclipse-temurin-21",
            "public.ecr.aws/awsguru/aws-lambda-adapter:0.9.1");

    /** The defaults, each replaced by its environment variable when that is set. */
    public static BaseImages from(Map<String, String> environment) {
        return new BaseImages(
                pick(environment, NODE_VARIABLE, DEFAULTS.node),
                pick(environment, PYTHON_VARIABLE, DEFAULTS.python),
                pick(environment, JAVA_VARIABLE, DEFAULTS.java),
                pick(environment, JAVA_BUILD_VARIABLE, DEFAULTS.javaBuild),
                pick(environment, LAMBDA_ADAPTER_VARIABLE, DEFAULTS.lambdaAdapter));
    }

    private static String pick(Map<String, String> environment, String variable, String fallback) {
        String v = environment.get(variable);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
