package dev.serverlesscontainers.model.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A hash of what an image is built from: the relative path and the bytes of every file in the build
 * context (never modification times, so a checkout or a {@code touch} changes nothing), and the build
 * settings. The same inputs give the same hash on every machine; it tags images, so an unchanged
 * container is not rebuilt and a preview shows no change.
 */
public final class SourceHash {
    private SourceHash() {}

    /** Hex digits used in image tags. */
    public static final int TAG_LENGTH = 16;

    /**
     * @param src the build context
     * @param ignore what the build leaves out (the context's {@code .dockerignore}, or the generated build's excludes)
     * @param settings everything else that changes the image: the Dockerfile text, build args and options, the target, base images
     */
    public static String of(Path src, DockerIgnore ignore, List<String> settings) {
        MessageDigest digest = sha256();
        for (String s : settings) {
            update(digest, "setting:" + s);
        }
        for (Path file : files(src, ignore)) {
            update(digest, "file:" + src.relativize(file).toString().replace('\\', '/'));
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                long size = 0;
                while ((n = in.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                    size += n;
                }
                update(digest, "size:" + size);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + " to hash the container's source", e);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The short form used as an image tag. */
    public static String tag(String hash) {
        return hash.substring(0, TAG_LENGTH);
    }

    /** Every regular file of the context that the build sees, in a stable order. Links are not followed. */
    public static List<Path> files(Path src, DockerIgnore ignore) {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(src, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(src) && ignore.excludesDirectory(src.relativize(dir).toString().replace('\\', '/'))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !ignore.excludes(src.relativize(file).toString().replace('\\', '/'))) {
                        out.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + src, e);
        }
        out.sort((a, b) -> src.relativize(a).toString().compareTo(src.relativize(b).toString()));
        return out;
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update((byte) 0);
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
