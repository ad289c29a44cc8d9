package dev.serverlesscontainers.devmode.liveconfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a configuration source held when it was read: its bytes, or none when it did not exist or could not be
 * read (creating it is then a change). Two are equal when the bytes are: a save of the same text is no change.
 */
public record FileContent(byte[] bytes) {
    static FileContent of(Path file) {
        try {
            return new FileContent(Files.isRegularFile(file) ? Files.readAllBytes(file) : null);
        } catch (IOException e) {
            return new FileContent(null);
        }
    }

    /** Each of {@code files} with what it holds now, in their order. */
    static Map<Path, FileContent> read(Collection<Path> files) {
        Map<Path, FileContent> contents = new LinkedHashMap<>();
        files.forEach(file -> contents.put(file, of(file)));
        return contents;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileContent c && Arrays.equals(bytes, c.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bytes == null ? "absent" : bytes.length + " bytes";
    }
}
