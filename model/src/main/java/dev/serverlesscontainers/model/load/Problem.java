package dev.serverlesscontainers.model.load;

import dev.serverlesscontainers.model.yaml.Location;

/**
 * One thing wrong (or worth a warning) in a configuration file, with where it is:
 * {@code serverless.containers.yml:12:7 containers.api.compute.awsFargateEcs.memory: 3000 is not ...}.
 *
 * @param file the config file as the user named it
 * @param location line and column, or {@link Location#FILE} for the file as a whole
 * @param path the YAML path ({@code containers.api.routing.pathPattern}), empty for the whole file
 */
public record Problem(Severity severity, String file, Location location, String path, String message) {

    public enum Severity { ERROR, WARNING }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:column path: message}, the form editors and terminals turn into links. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(file);
        if (location.isKnown()) {
            b.append(':').append(location.line()).append(':').append(location.column());
        }
        if (!path.isEmpty()) {
            b.append(' ').append(path);
        }
        return b.append(": ").append(message).toString();
    }
}
