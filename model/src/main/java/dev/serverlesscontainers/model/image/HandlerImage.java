package dev.serverlesscontainers.model.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a Lambda container's image is a handler: a client of the Lambda Runtime API itself, as
 * an image built on one of AWS's Lambda base images is, or any app run by a runtime interface client
 * ({@code awslambdaric}, {@code aws-lambda-ric}, the Java one). Such an image is deployed as it is;
 * every other Lambda image answers HTTP and gets the Lambda Web Adapter. scf-dev tells the two apart
 * by what the instance does (it polls the Runtime API, or answers on {@code PORT}); this is what the
 * deploy, which cannot run it, can see in the files.
 */
public final class HandlerImage {
    private HandlerImage() {}

    private static final Pattern FROM = Pattern.compile("(?i)^\\s*FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$");
    /** AWS's Lambda base images: on ECR Public ({@code public.ecr.aws/lambda/python:3.12}) and on Docker Hub ({@code amazon/aws-lambda-nodejs}). */
    private static final Pattern LAMBDA_BASE = Pattern.compile("(?i)^(public\\.ecr\\.aws/lambda/|amazon/aws-lambda-)\\S*");
    /** The runtime interface clients, as packages name them (npm, PyPI, Maven) and as commands run them. */
    static final List<String> CLIENTS = List.of("aws-lambda-ric", "awslambdaric", "aws-lambda-java-runtime-interface-client");
    /** Where an app declares its dependencies. */
    private static final List<String> MANIFESTS = List.of("package.json", "requirements.txt", "pyproject.toml", "Pipfile",
            "setup.py", "pom.xml", "build.gradle", "build.gradle.kts");

    /**
     * Why the image built from {@code dockerfile} (with {@code target}, the stage built) in {@code src}
     * is a handler, or empty when it is an HTTP app.
     */
    public static Optional<String> reason(Path src, String dockerfile, Optional<String> target) {
        Optional<String> base = baseImage(dockerfile, target);
        if (base.isPresent() && LAMBDA_BASE.matcher(base.get()).matches()) {
            return Optional.of("its base image " + base.get() + " is an AWS Lambda base image");
        }
        String lower = dockerfile.toLowerCase(Locale.ROOT);
        for (String client : CLIENTS) {
            if (lower.contains(client)) {
                return Optional.of("its Dockerfile uses the runtime interface client " + client);
            }
        }
        for (String manifest : MANIFESTS) {
            Path file = src.resolve(manifest);
            try {
                if (Files.isRegularFile(file)) {
                    String text = Files.readString(file).toLowerCase(Locale.ROOT);
                    for (String client : CLIENTS) {
                        if (text.contains(client)) {
                            return Optional.of(manifest + " declares the runtime interface client " + client);
                        }
                    }
                }
            } catch (IOException e) {
                // unreadable: it declares nothing we can see
            }
        }
        return Optional.empty();
    }

    /** The image the built stage starts from, following stage names back to an image. */
    static Optional<String> baseImage(String dockerfile, Optional<String> target) {
        List<String[]> stages = new ArrayList<>();
        for (String line : dockerfile.lines().toList()) {
            Matcher m = FROM.matcher(line);
            if (m.matches()) {
                stages.add(new String[] {m.group(1), m.group(2)});
            }
        }
        if (stages.isEmpty()) {
            return Optional.empty();
        }
        String image = target.flatMap(t -> stages.stream().filter(s -> t.equalsIgnoreCase(s[1])).map(s -> s[0]).findFirst())
                .orElse(stages.get(stages.size() - 1)[0]);
        for (int hops = 0; hops < stages.size(); hops++) {
            String from = image;
            Optional<String> earlier = stages.stream().filter(s -> from.equalsIgnoreCase(s[1])).map(s -> s[0]).findFirst();
            if (earlier.isEmpty()) {
                break;
            }
            image = earlier.get();
        }
        return Optional.of(image);
    }
}
