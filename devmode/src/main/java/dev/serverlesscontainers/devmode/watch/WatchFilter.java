package dev.serverlesscontainers.devmode.watch;

import dev.serverlesscontainers.model.config.DevConfig;
import dev.serverlesscontainers.model.config.Defaults;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which changes count: never inside {@link Defaults#ALWAYS_EXCLUDED_DIRECTORIES} or
 * {@code dev.excludeDirectories} (at any depth), never an editor's temporary file, and, when
 * {@code dev.watchExtensions} is set, only files with one of those extensions.
 */
public record WatchFilter(Set<String> excludedDirectories, List<String> extensions) {
    public WatchFilter {
        excludedDirectories = Set.copyOf(excludedDirectories);
        extensions = extensions.stream().map(e -> e.toLowerCase(Locale.ROOT)).toList();
    }

    public static WatchFilter of(DevConfig dev) {
        Set<String> excluded = new LinkedHashSet<>(Defaults.ALWAYS_EXCLUDED_DIRECTORIES);
        excluded.addAll(dev.excludeDirectories());
        return new WatchFilter(excluded, dev.watchExtensions());
    }

    /** Whether a folder (relative to the watched root) is watched. */
    public boolean watchesDirectory(Path relative) {
        for (Path part : relative) {
            if (excludedDirectories.contains(part.toString())) {
                return false;
            }
        }
        return true;
    }

    /** Whether a change to this file (relative to the watched root) reloads the container. */
    public boolean watchesFile(Path relative) {
        Path parent = relative.getParent();
        if (parent != null && !watchesDirectory(parent)) {
            return false;
        }
        String name = relative.getFileName().toString();
        if (editorTemporary(name)) {
            return false;
        }
        if (extensions.isEmpty()) {
            return true;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(lower::endsWith);
    }

    /** Swap and backup files editors write next to the file being edited (vim, emacs, JetBrains, ...). */
    static boolean editorTemporary(String name) {
        return name.endsWith("~") || name.startsWith(".#") || name.endsWith(".swp") || name.endsWith(".swx")
                || name.endsWith(".swo") || name.equals("4913") || name.endsWith("___jb_tmp___") || name.endsWith("___jb_old___")
                || name.equals(".DS_Store");
    }
}
