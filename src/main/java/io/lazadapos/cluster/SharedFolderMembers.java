package io.lazadapos.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is running, as the shared lock folder tells: every instance holds an exclusive lock on a
 * member file of its own ({@code members/<instance>.member}) for as long as it lives. A member
 * file nobody holds belongs to an instance that stopped or died (the operating system releases a
 * dead process's locks). Read by the rebalancing of pollers, which spreads them over the members.
 */
final class SharedFolderMembers {

    private static final Logger LOG = LoggerFactory.getLogger(SharedFolderMembers.class);
    private static final String SUFFIX = ".member";
    /** A member file this old that nobody holds is removed (a younger one may be an instance that is starting). */
    private static final Duration FORGET_AFTER = Duration.ofMinutes(2);

    private final Path dir;
    private final String memberId;
    private FileChannel own;
    private FileLock ownLock;
    private volatile Set<String> current;

    SharedFolderMembers(Path root, String memberId) {
        this.dir = root.resolve("members");
        this.memberId = memberId;
        this.current = Set.of(memberId);
    }

    String memberId() {
        return memberId;
    }

    synchronized void start() throws IOException {
        Files.createDirectories(dir);
        holdOwnFile();
        refresh();
    }

    private void holdOwnFile() throws IOException {
        Path file = dir.resolve(memberId + SUFFIX);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("another running instance holds " + file + ": every instance sharing the lock folder needs "
                    + "its own INSTANCE_ID");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((memberId + " since " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
        own = channel;
        ownLock = lock;
    }

    /** The members now (this instance always among them); reads the folder. */
    synchronized Set<String> refresh() {
        Set<String> alive = new TreeSet<>();
        alive.add(memberId);
        try {
            if (own == null || !Files.exists(dir.resolve(memberId + SUFFIX))) {
                // Someone removed the folder or the file: hold a new one.
                Files.createDirectories(dir);
                closeOwn();
                holdOwnFile();
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
                for (Path f : files) {
                    String id = f.getFileName().toString();
                    id = id.substring(0, id.length() - SUFFIX.length());
                    if (!id.equals(memberId) && held(f)) {
                        alive.add(id);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the cluster members in {}: {}; keeping the last known ones", dir, e.toString());
            return current;
        }
        if (!alive.equals(current)) {
            LOG.info("cluster members: {}", alive);
        }
        current = Set.copyOf(alive);
        return current;
    }

    Set<String> current() {
        return current;
    }

    /** Whether a running instance holds this member file; an old one nobody holds is removed. */
    private static boolean held(Path f) {
        try (FileChannel channel = FileChannel.open(f, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            Instant modified = Files.getLastModifiedTime(f).toInstant();
            if (modified.isBefore(Instant.now().minus(FORGET_AFTER))) {
                Files.deleteIfExists(f);
            }
            return false;
        } catch (OverlappingFileLockException sameProcess) {
            return true;
        } catch (IOException gone) {
            return false;
        }
    }

    synchronized void stop() {
        Path file = dir.resolve(memberId + SUFFIX);
        closeOwn();
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // another start removes it later
        }
    }

    private void closeOwn() {
        try {
            if (ownLock != null) {
                ownLock.release();
            }
            if (own != null) {
                own.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
        ownLock = null;
        own = null;
    }
}
