package io.gmmflow.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that readers see either the old content or the complete new content, never a
 * half-written file: the bytes go to a temporary file in the target's directory, which is then
 * moved over the target (atomically where the file system allows). On any failure the temporary
 * file is deleted and the target is left as it was.
 *
 * <p>A path the caller cannot write (missing directory, no permission, a directory in the way) is
 * bad input and throws an {@link IllegalArgumentException} naming the file; other I/O failures
 * (a full disk) throw an {@link UncheckedIOException}. Thread-safe (no shared state).
 */
public final class AtomicFiles {

    /** Produces the content of a file. */
    @FunctionalInterface
    public interface Content {
        /** Writes the content to {@code out} (the stream is closed by the caller). */
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Creates {@code dir} and its missing parents.
     *
     * @throws IllegalArgumentException naming the directory when it cannot be created
     */
    public static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw new IllegalArgumentException("cannot create directory " + dir + ": " + IoMessages.reason(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create directory " + dir + ": " + IoMessages.reason(e), e);
        }
    }

    /** Writes {@code text} as UTF-8. */
    public static void writeString(Path target, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    /** Writes {@code bytes}. */
    public static void writeBytes(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /**
     * Writes what {@code content} produces. If {@code content} throws, the target is untouched and
     * the exception propagates (an {@link IOException} wrapped in an {@link UncheckedIOException}).
     *
     * @throws IllegalArgumentException naming the file when its directory is missing or not writable
     */
    public static void write(Path target, Content content) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("cannot write " + target + ": it is a directory");
        }
        // Not Files.createTempFile: it makes the file readable by the owner only (0600), and the
        // moved file would keep that. A fresh name created with CREATE_NEW gets the umask's mode.
        Path tmp = dir.resolve("." + absolute.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        boolean done = false;
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (FileSystemException e) {
            throw new IllegalArgumentException(IoMessages.cannotWrite(target, e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(IoMessages.cannotWrite(target, e), e);
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The original failure is the one to report; a stray temporary file is named
                    // ".<target>.*.tmp" and harmless.
                }
            }
        }
    }
}
