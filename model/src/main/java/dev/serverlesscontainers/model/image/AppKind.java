package dev.serverlesscontainers.model.image;

/** The languages whose apps can run without a Dockerfile of their own. */
public enum AppKind { NODE, PYTHON, JAVA, UNKNOWN }
