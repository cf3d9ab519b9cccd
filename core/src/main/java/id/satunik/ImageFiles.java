package id.satunik;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads an image file within {@link InputLimits}: only a regular file (a named pipe would block for ever, a
 * device such as /dev/zero never ends), at most {@link InputLimits#MAX_IMAGE_BYTES}, within
 * {@link InputLimits#READ_TIMEOUT_SECONDS}. The size is checked before a byte is read, and the read stops at the
 * limit even when the file grows meanwhile.
 *
 * <p>Stateless; thread-safe. Reads run on daemon threads so that a stalled read can be abandoned.
 */
final class ImageFiles {
    private static final ExecutorService READERS = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("satunik-image-read-", 0).daemon(true).factory());

    private ImageFiles() {
    }

    static byte[] read(Path path, long maxBytes, long timeoutSeconds) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (attributes.isDirectory()) {
            throw new IOException("it is a directory, not an image file");
        }
        if (!attributes.isRegularFile()) {
            throw new IOException("not a regular file (a device, pipe or socket is never read)");
        }
        if (attributes.size() > maxBytes) {
            throw new IOException("file of " + attributes.size() + " bytes is larger than the " + maxBytes
                    + "-byte limit");
        }
        Future<byte[]> reading = READERS.submit(() -> readBounded(path, maxBytes));
        try {
            return reading.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            reading.cancel(true);
            throw new IOException("reading took more than " + timeoutSeconds + " s (stalled device or mount)");
        } catch (InterruptedException e) {
            reading.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading " + path);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    private static byte[] readBounded(Path path, long maxBytes) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > maxBytes) {
                throw new IOException("file of " + size + " bytes is larger than the " + maxBytes + "-byte limit");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read until full or end of file (a file truncated meanwhile yields what is left)
            }
            if (channel.read(ByteBuffer.allocate(1)) > 0) {
                throw new IOException("file grew while it was read (still being written?)");
            }
            byte[] bytes = buffer.array();
            return buffer.position() == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, buffer.position());
        }
    }
}
