/**
 * The Docker runtime of {@code scf-dev}: containers run in a local Docker engine, built and labelled
 * as described in the README's "Running containers in Docker".
 *
 * <p>Entry points: {@link dev.serverlesscontainers.devmode.docker.DockerEngine#probe(java.util.Map)}
 * finds an engine (or says why none answers), and
 * {@link dev.serverlesscontainers.devmode.docker.DockerRuntime#create(DockerEngine, DockerSettings)}
 * makes the {@link dev.serverlesscontainers.devmode.runtime.ContainerRuntime} that runs on it:
 *
 * <pre>{@code
 * DockerDiscovery.Probe probe = DockerDiscovery.probe(environment);
 * if (probe.engine().isPresent()) {
 *     ContainerRuntime runtime = DockerRuntime.create(probe.engine().get(),
 *             new DockerSettings(BaseImages.from(environment), debug, DockerSettings.newSessionId(), notices));
 * } else {
 *     err.println(probe.diagnosis());
 * }
 * }</pre>
 */
package dev.serverlesscontainers.devmode.docker;
