package io.gmmflow.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    private static long entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void writesAndReplaces(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("out.txt");
        AtomicFiles.writeString(f, "first");
        AtomicFiles.writeString(f, "second");
        assertThat(Files.readString(f)).isEqualTo("second");
        assertThat(entries(dir)).isEqualTo(1);
    }

    @Test
    void aFailureWhileWritingLeavesTheTargetAsItWasAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("out.txt");
        Files.writeString(f, "old");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("half".getBytes());
            throw new IOException("disk full");
        })).isInstanceOf(UncheckedIOException.class).hasMessage("cannot write " + f + ": disk full");
        assertThat(Files.readString(f)).isEqualTo("old");
        assertThat(entries(dir)).isEqualTo(1);

        Path g = dir.resolve("new.txt");
        assertThatThrownBy(() -> AtomicFiles.write(g, out -> {
            throw new IllegalArgumentException("bad input found while writing");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThat(g).doesNotExist();
        assertThat(entries(dir)).isEqualTo(1);
    }

    @Test
    void unwritablePathsAreBadInputNamingTheFile(@TempDir Path dir) {
        Path f = dir.resolve("no/such/dir/out.txt");
        assertThatThrownBy(() -> AtomicFiles.writeString(f, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write " + f + ": no such file or directory");
        assertThatThrownBy(() -> AtomicFiles.writeString(dir, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot write " + dir + ": it is a directory");
    }

    @Test
    void theFileGetsTheSamePermissionsAsAnyNewFile(@TempDir Path dir) throws IOException {
        Path reference = Files.createFile(dir.resolve("reference"));
        Path f = dir.resolve("out.txt");
        AtomicFiles.writeBytes(f, new byte[] {1, 2});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                .isEqualTo(PosixFilePermissions.toString(Files.getPosixFilePermissions(reference)));
    }
}
