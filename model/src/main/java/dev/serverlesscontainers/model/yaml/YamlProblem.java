package dev.serverlesscontainers.model.yaml;

/** Something wrong with the YAML itself, found while reading it: where, and what. */
public record YamlProblem(Location location, String path, String message) {}
