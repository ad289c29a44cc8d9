package dev.serverlesscontainers.provider;

/** {@code pulumi-resource-serverless-containers}: the Pulumi resource plugin process. */
public final class PluginMain {
    private PluginMain() {}

    public static void main(String[] args) {
        System.exit(Plugin.run(args, System.out, System.err));
    }
}
