package dev.warden.redis;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Review of issue 17: the WARNINGs of logger {@code dev.warden} while open (the user must add the read edge to java.logging first). */
final class Review17Log extends Handler implements AutoCloseable {

  private final List<String> warnings = new CopyOnWriteArrayList<>();

  private Review17Log() {}

  /** Starts capturing. */
  static Review17Log capture() {
    Review17Log log = new Review17Log();
    Logger.getLogger("dev.warden").addHandler(log);
    return log;
  }

  /** {@return the WARNING (and worse) messages so far} */
  List<String> warnings() {
    return List.copyOf(warnings);
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
      warnings.add(record.getMessage());
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    Logger.getLogger("dev.warden").removeHandler(this);
  }
}
