package io.gmmflow.core.io;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Short, one-line reasons for file errors ("no such file", "permission denied"). */
final class IoMessages {

    private IoMessages() {
    }

    static String cannotRead(Path file, Exception e) {
        return "cannot read " + file + ": " + reason(e);
    }

    static String cannotWrite(Path file, Exception e) {
        return "cannot write " + file + ": " + reason(e);
    }

    static String reason(Throwable e) {
        Throwable t = e.getCause() != null && !(e instanceof FileSystemException) ? e.getCause() : e;
        if (t instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (t instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (t instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (t instanceof java.nio.charset.CharacterCodingException) {
            return "not UTF-8 text";
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
