package dev.serverlesscontainers.devmode.aws;

import dev.serverlesscontainers.model.load.ConfigLoader;
import dev.serverlesscontainers.model.config.ProjectConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A three-container project written to a temporary folder: two roles the component creates, one the user brings. */
final class Project {
    static final String ACCOUNT = "123456789012";
    /** The region the fixture sets in {@code AWS_REGION}. */
    static final String REGION = "eu-west-1";
    static final String API_ROLE = apiRole(REGION);
    static final String WEB_ROLE = webRole(REGION);
    static final String ADMIN_ROLE = "arn:aws:iam::" + ACCOUNT + ":role/team-admin";

    /** The roles the component creates carry the region they are deployed to, and dev mode names them so. */
    static String apiRole(String region) {
        return "arn:aws:iam::" + ACCOUNT + ":role/hello-dev-" + dev.serverlesscontainers.model.naming.Names.regionCode(region)
                + "-api-lambda-role";
    }

    static String webRole(String region) {
        return "arn:aws:iam::" + ACCOUNT + ":role/hello-dev-" + dev.serverlesscontainers.model.naming.Names.regionCode(region)
                + "-web-fargate-role";
    }

    static final String YAML = """
            name: hello
            containers:
              api:
                src: ./api
                routing:
                  pathPattern: /api/*
                  pathHealthCheck: /api/health
                compute:
                  type: awsLambda
                  awsIam:
                    customPolicy:
                      Statement:
                        - Effect: Allow
                          Action: [dynamodb:GetItem]
                          Resource: ['*']
              web:
                src: ./web
                routing:
                  pathPattern: /*
                  pathHealthCheck: /
                compute:
                  type: awsFargateEcs
              admin:
                src: ./admin
                routing:
                  domain: admin.example.com
                  pathPattern: /*
                  pathHealthCheck: /
                compute:
                  awsIam:
                    roleArn: %s
            """.formatted(ADMIN_ROLE);

    private Project() {}

    static ProjectConfig load(Path dir, String stage) throws IOException {
        return load(dir, stage, YAML);
    }

    static ProjectConfig load(Path dir, String stage, String yaml) throws IOException {
        for (String src : new String[] {"api", "web", "admin"}) {
            Files.createDirectories(dir.resolve(src));
        }
        Path file = dir.resolve("serverless.containers.yml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(file, stage, Map.of());
    }
}
