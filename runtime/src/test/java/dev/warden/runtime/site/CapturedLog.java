package dev.warden.runtime.site;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Captures what the runtime logs through {@code System.Logger} {@code dev.warden}, which the
 * JDK's default logger finder backs with the {@code java.util.logging} logger of that name.
 * Use in try-with-resources.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

  private static final Logger LOGGER = Logger.getLogger("dev.warden");

  private final List<LogRecord> records = new CopyOnWriteArrayList<>();

  public CapturedLog() {
    LOGGER.addHandler(this);
  }

  @Override
  public void publish(LogRecord record) {
    records.add(record);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    LOGGER.removeHandler(this);
  }

  /** The formatted messages of {@code level} that contain {@code fragment}. */
  public List<String> messages(Level level, String fragment) {
    return records.stream()
        .filter(r -> r.getLevel().equals(level))
        .map(CapturedLog::format)
        .filter(m -> m.contains(fragment))
        .collect(Collectors.toList());
  }

  /** The records of {@code level} whose formatted message contains {@code fragment}. */
  public List<LogRecord> records(Level level, String fragment) {
    return records.stream()
        .filter(r -> r.getLevel().equals(level) && format(r).contains(fragment))
        .collect(Collectors.toList());
  }

  private static String format(LogRecord record) {
    Object[] parameters = record.getParameters();
    return parameters == null || parameters.length == 0
        ? record.getMessage()
        : MessageFormat.format(record.getMessage(), parameters);
  }
}
