package dev.serverlesscontainers.devmode.docker;

import dev.serverlesscontainers.devmode.runtime.ContainerRuntime;
import dev.serverlesscontainers.devmode.runtime.RuntimeEnvironment;
import dev.serverlesscontainers.devmode.runtime.RuntimeProvider;
import dev.serverlesscontainers.devmode.runtime.StartFailure;
import dev.serverlesscontainers.model.image.BaseImages;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Registers the Docker runtime with {@code --runtime}. Docker is available when an engine answers and
 * the base images the project's containers start from are on it or can be pulled; the engine found
 * by the probe is the one the runtime then uses.
 */
public final class DockerRuntimeProvider implements RuntimeProvider {
    /** {@code scf-dev --base-image NAME=IMAGE}: each NAME and the variable it stands for. */
    public static final Map<String, String> BASE_IMAGE_NAMES = orderedMap(
            "node", BaseImages.NODE_VARIABLE,
            "python", BaseImages.PYTHON_VARIABLE,
            "java", BaseImages.JAVA_VARIABLE,
            "java-build", BaseImages.JAVA_BUILD_VARIABLE);

    private DockerEngine engine;

    @Override
    public String name() {
        return DockerRuntime.NAME;
    }

    @Override
    public synchronized Availability probe(RuntimeEnvironment environment) {
        closeEngine();
        DockerDiscovery.Probe probe = DockerDiscovery.probe(environment.variables());
        if (probe.engine().isEmpty()) {
            return Availability.unavailable(probe.diagnosis());
        }
        DockerEngine found = probe.engine().get();
        String description = "Docker engine " + found.describe();
        if (environment.project() != null) {
            Optional<String> missing = BaseImageCheck.ensure(found, environment.project(), BaseImages.from(environment.variables()),
                    environment.notices());
            if (missing.isPresent()) {
                found.close();
                // one line for what is missing, one for what to do
                return Availability.unavailable(description + " answers, but\n" + withFlag(missing.get()).replace("; set ", ";\nset "));
            }
        }
        engine = found;
        return Availability.available(description);
    }

    /** The runtime on the engine the probe found; removes what earlier runs that died left on it. */
    @Override
    public synchronized ContainerRuntime create(RuntimeEnvironment environment) throws StartFailure {
        if (engine == null) {
            Availability a = probe(environment);
            if (!a.available()) {
                throw new StartFailure(a.explanation());
            }
        }
        DockerEngine taken = engine;
        engine = null;
        try {
            return DockerRuntime.create(taken, DockerSettings.from(environment.variables(), environment.debug(), environment.notices()));
        } catch (RuntimeException e) {
            taken.close();
            throw new StartFailure("the Docker engine at " + taken.host() + " failed: " + ContainerLauncher.engineMessage(e));
        }
    }

    /** "set SCF_BASE_IMAGE_NODE to ..." -> "set SCF_BASE_IMAGE_NODE (or --base-image node=IMAGE) to ...". */
    private static String withFlag(String message) {
        String out = message;
        for (Map.Entry<String, String> e : BASE_IMAGE_NAMES.entrySet()) {
            out = out.replace("set " + e.getValue() + " to", "set " + e.getValue() + " (or --base-image " + e.getKey() + "=IMAGE) to");
        }
        return out;
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    private void closeEngine() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
