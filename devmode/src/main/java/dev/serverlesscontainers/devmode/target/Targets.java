package dev.serverlesscontainers.devmode.target;

/**
 * The live targets of each container, as the supervisor knows them. The proxy asks for every
 * request; answers must be cheap and thread-safe.
 */
@FunctionalInterface
public interface Targets {
    TargetState state(String container);
}
