package greeting;

import com.pulumi.Pulumi;
import com.pulumi.core.Output;

public class App {
    public static void main(String[] args) {
        Pulumi.run(ctx -> {
            String name = ctx.config().get("name").orElse("nobody");
            ctx.export("greeting", Output.of("hello " + name + " from java on " + ctx.stackName()));
            ctx.export("secretLength", ctx.config().requireSecret("token").applyValue(String::length));
        });
    }
}
