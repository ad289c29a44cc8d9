package dev.serverlesscontainers.devmode.docker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels {@code scf-dev} puts on every container, network and image it makes. They say which
 * session made it and for what (so a user can list them with {@code docker ps --filter label=...}),
 * and which process owns it, so that a later run can tell the leftovers of a run that died
 * ({@code kill -9}) from the containers of one that is still running.
 */
public final class Labels {
    private Labels() {}

    private static final String PREFIX = "dev.serverlesscontainers.scf-dev";
    /** On everything {@code scf-dev} makes; its value is {@code true}. */
    public static final String MANAGED = PREFIX;
    public static final String SESSION = PREFIX + ".session";
    public static final String PROJECT = PREFIX + ".project";
    public static final String STAGE = PREFIX + ".stage";
    public static final String CONTAINER = PREFIX + ".container";
    /** How the container runs its code: {@code mounted-source} or {@code built-image}. */
    public static final String MODE = PREFIX + ".mode";
    public static final String OWNER_HOST = PREFIX + ".owner.host";
    public static final String OWNER_BOOT = PREFIX + ".owner.boot";
    public static final String OWNER_PID = PREFIX + ".owner.pid";
    public static final String OWNER_STARTED = PREFIX + ".owner.started";

    /** What a session's network carries: the marker, the session and its owner, the project and stage it runs. */
    static Map<String, String> session(String sessionId, Owner owner, String project, String stage) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED, "true");
        labels.put(SESSION, sessionId);
        labels.putAll(owner.labels());
        labels.put(PROJECT, project);
        labels.put(STAGE, stage);
        return labels;
    }

    /** The labels of one container of a session. */
    static Map<String, String> container(String sessionId, Owner owner, String project, String stage, String container, String mode) {
        Map<String, String> labels = session(sessionId, owner, project, stage);
        labels.put(CONTAINER, container);
        labels.put(MODE, mode);
        return labels;
    }

    /** Images outlive sessions (they are the build cache), so they carry no session or owner. */
    static Map<String, String> image(String project, String container) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED, "true");
        labels.put(PROJECT, project);
        labels.put(CONTAINER, container);
        return labels;
    }
}
