package dev.serverlesscontainers.components;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Runs the component under Pulumi Java's mock engine and keeps what a reviewer would look at: every
 * registered resource with its inputs (from {@link MockAws}), each resource's parent and explicit
 * dependencies (from a stack transformation, which sees every resource's options), the component's
 * outputs, its warnings, and the errors the SDK would report.
 */
final class TestDeploy {
    /**
     * A resource's place in the graph: its parent, the resources it must wait for, how the engine
     * replaces it, which changes it ignores, and how long the provider may take to create it.
     */
    record Placement(String type, Optional<String> parent, List<String> dependsOn, Optional<Boolean> deleteBeforeReplace,
            List<String> replaceOnChanges, List<String> ignoreChanges, Optional<java.time.Duration> createTimeout) {}

    record Deployed(MockAws aws, Map<String, Placement> placements, TestResult result, Optional<ServerlessContainers> component,
            Map<String, Object> outputs) {
        Placement placement(String name) {
            Placement p = placements.get(name);
            if (p == null) {
                throw new AssertionError("no resource named " + name + "; there are " + placements.keySet());
            }
            return p;
        }
    }

    private TestDeploy() {}

    static Deployed run(String stack, ServerlessContainersArgs args) {
        return run(stack, args, false);
    }

    static Deployed run(String stack, ServerlessContainersArgs args, boolean preview) {
        return run(stack, args, preview, new MockAws());
    }

    /** With a mock set up by the test (what functions answer, say, or an ECS that rolls a service back). */
    static Deployed run(String stack, ServerlessContainersArgs args, boolean preview, MockAws aws) {
        Map<String, Placement> placements = Collections.synchronizedMap(new LinkedHashMap<>());
        ResourceTransformation recorder = t -> {
            List<String> deps = new ArrayList<>();
            List<Resource> listed = PulumiTest.extractValue(t.options().getDependsOn());
            if (listed != null) {
                listed.forEach(r -> deps.add(r.pulumiResourceName()));
            }
            Optional<Boolean> deleteFirst = t.options() instanceof CustomResourceOptions custom ? custom.getDeleteBeforeReplaceOptional() : Optional.empty();
            placements.put(t.resource().pulumiResourceName(), new Placement(t.resource().pulumiResourceType(),
                    t.options().getParent().map(Resource::pulumiResourceName), List.copyOf(deps), deleteFirst,
                    List.copyOf(t.options().getReplaceOnChanges()), List.copyOf(t.options().getIgnoreChanges()),
                    t.options().getCustomTimeouts().flatMap(timeouts -> timeouts.getCreate())));
            return Optional.empty();
        };
        AtomicReference<ServerlessContainers> component = new AtomicReference<>();
        try {
            TestResult result = PulumiTest.withMocks(aws)
                    .withOptions(TestOptions.builder().projectName("app").stackName(stack).preview(preview)
                            .resourceTransformations(List.of(recorder)).build())
                    .runTest(ctx -> {
                        var app = new ServerlessContainers("app", args);
                        component.set(app);
                        ctx.export("url", app.url());
                        ctx.export("distributionId", app.distributionId());
                        ctx.export("albDnsName", app.albDnsName());
                        ctx.export("vpcId", app.vpcId());
                        ctx.export("containers", app.containers());
                    });
            Map<String, Object> outputs = new LinkedHashMap<>();
            ServerlessContainers app = component.get();
            if (result.exceptions().isEmpty() && app != null) {
                outputs.put("url", PulumiTest.extractValue(app.url()));
                outputs.put("distributionId", PulumiTest.extractValue(app.distributionId()));
                outputs.put("albDnsName", PulumiTest.extractValue(app.albDnsName()));
                outputs.put("vpcId", PulumiTest.extractValue(app.vpcId()));
                outputs.put("containers", PulumiTest.extractValue(app.containers()));
            }
            return new Deployed(aws, Map.copyOf(placements), result, Optional.ofNullable(component.get()), outputs);
        } finally {
            PulumiTest.cleanup();
        }
    }

    /** A copy of a project under src/test/resources/projects, to deploy (and change) without touching the original. */
    static Path copyProject(String name, Path into) {
        try {
            Path from = Path.of(TestDeploy.class.getResource("/projects/" + name).toURI());
            copyTree(from, into);
            return into;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copyTree(Path from, Path into) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = into.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Args for a project folder, with a fixed environment and the project as the working directory. */
    static ServerlessContainersArgs.Builder argsFor(Path project) {
        return ServerlessContainersArgs.builder()
                .configFile("serverless.containers.yml")
                .workingDirectory(project)
                .environment(Map.of());
    }

    /** The project folder deployed on stage dev, which must succeed. */
    static Deployed deployed(Path project) {
        Deployed d = run("dev", argsFor(project).build());
        if (!d.result().errors().isEmpty() || !d.result().exceptions().isEmpty()) {
            throw new AssertionError("the deploy failed: " + d.result().errors() + " " + d.result().exceptions());
        }
        return d;
    }

    /** A first line {@code name: NAME} followed by an existing VPC whose ids all end in {@code n}. */
    static String nameWithExistingVpc(String name, int n) {
        return "name: " + name + "\ndeployment:\n  type: aws@1.0\n  awsVpc:\n    id: vpc-0a1b2c3" + n + "\n"
                + "    publicSubnets: [subnet-0aaa111" + n + ", subnet-0bbb222" + n + "]\n"
                + "    privateSubnets: [subnet-0ccc333" + n + ", subnet-0ddd444" + n + "]\n"
                + "    s2sSecurityGroupId: sg-05e5e123" + n + "\n    loadBalancerSecurityGroupId: sg-0a1b123" + n + "\n";
    }

    static ServerlessContainersArgs args(Path project, UnaryOperator<ServerlessContainersArgs.Builder> more) {
        return more.apply(argsFor(project)).build();
    }
}
