package dev.serverlesscontainers.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** What the build packs into the plugin: the repository's {@code schema.json} and the project version. */
final class PackageResources {
    static final String SCHEMA = "schema.json";
    static final String PROPERTIES = "plugin.properties";

    private PackageResources() {}

    /** The package schema, exactly as committed at the repository root. */
    static String schema() {
        return new String(read(SCHEMA), StandardCharsets.UTF_8);
    }

    /** The project version the plugin was built from. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = open(PROPERTIES)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] read(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) {
        InputStream in = PackageResources.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the plugin; it is packed by the build (mvn package)");
        }
        return in;
    }
}
