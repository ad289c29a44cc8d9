package dev.serverlesscontainers.examples.hello;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import dev.serverlesscontainers.components.ServerlessContainers;
import dev.serverlesscontainers.components.ServerlessContainersArgs;
import java.util.List;
import java.util.Map;

/**
 * Deploys examples/hello: the stack's name is the stage ({@code pulumi stack select prod}).
 * Optional stack configuration: {@code devTrustPrincipalArns} (a list) and {@code hostedZone}.
 */
public final class App {
    /** The configuration, relative to this program's directory (where Pulumi runs it). */
    static final String CONFIG_FILE = "../hello/serverless.containers.yml";

    private App() {}

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    static void stack(Context ctx) {
        var config = ctx.config();
        var args = ServerlessContainersArgs.builder()
                .configFile(CONFIG_FILE)
                .tags(Map.of("example", "hello-java"));
        config.getObject("devTrustPrincipalArns", String[].class).ifPresent(arns -> args.devTrustPrincipalArns(List.of(arns)));
        config.get("hostedZone").ifPresent(zone -> args.hostedZones(List.of(zone)));

        var hello = new ServerlessContainers("hello", args.build());
        ctx.export("url", hello.url());
        ctx.export("containers", hello.containers());
        ctx.export("albDnsName", hello.albDnsName());
    }
}
