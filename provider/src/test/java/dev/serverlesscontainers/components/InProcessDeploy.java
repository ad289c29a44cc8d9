package dev.serverlesscontainers.components;

import com.pulumi.test.Mocks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The component's own mock tests, opened to the provider's tests: the mock AWS that answers
 * registrations and invokes, and in-process deploys whose every registration is recorded, so that
 * what the plugin registers over the wire can be compared with what a Java program would.
 */
public final class InProcessDeploy {
    /** One registered resource: its type, name, its parent's name (none for the component), and its inputs. */
    public record Child(String type, String name, Optional<String> parent, Map<String, Object> inputs) {}

    /** What a deploy registered, and the errors the SDK reported. */
    public record Result(List<Child> resources, List<String> errors) {}

    private InProcessDeploy() {}

    /** The mock AWS of the component's tests: the same answers for the same resource names. */
    public static Mocks mockAws() {
        return new MockAws();
    }

    /** Deploys the component named {@code app} in project {@code app} on the given stack, under mocks. */
    public static Result run(String stack, ServerlessContainersArgs args, boolean preview) {
        TestDeploy.Deployed d = TestDeploy.run(stack, args, preview);
        List<Child> children = d.aws().resources.stream()
                .map(r -> new Child(r.type(), r.name(), d.placements().containsKey(r.name()) ? d.placements().get(r.name()).parent() : Optional.empty(),
                        r.inputs()))
                .toList();
        return new Result(children, d.result().errors());
    }

    /** Copies a project folder, to deploy (and change) a copy. */
    public static void copyTree(Path from, Path into) {
        TestDeploy.copyTree(from, into);
    }

    /** Args for a project folder with a fixed, empty environment: what the tests start the plugin with. */
    public static ServerlessContainersArgs.Builder argsFor(Path project) {
        return TestDeploy.argsFor(project);
    }
}
