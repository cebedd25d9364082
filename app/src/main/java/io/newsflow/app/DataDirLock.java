package io.newsflow.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock of a data directory ({@value #FILE}), taken before anything is written into it (broker
 * log, Streams state) and held until the command has stopped everything it started. A second {@code
 * demo} or {@code broker} on the same directory exits at once with a clear message, and the first
 * is untouched. The lock is the operating system's (released when the process dies, even by
 * SIGKILL); the file holds the owner's pid for the message.
 */
final class DataDirLock implements AutoCloseable {
  static final String FILE = ".newsflow.lock";

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dataDir} (creating it when missing).
   *
   * @throws IllegalStateException when another process holds it
   */
  static DataDirLock acquire(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by this JVM already
    }
    if (lock == null) {
      String owner = owner(channel);
      channel.close();
      throw new IllegalStateException(
          "data directory "
              + dataDir
              + " is in use by another newsflow process"
              + (owner.isEmpty() ? "" : " (pid " + owner + ")")
              + "; stop it first or give another --data-dir. Nothing was written.");
    }
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
        0);
    channel.force(false);
    return new DataDirLock(file, channel, lock);
  }

  private static String owner(FileChannel channel) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(32);
    channel.read(buf, 0);
    return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
  }

  Path file() {
    return file;
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  @Override
  public String toString() {
    return "lock " + file;
  }
}
