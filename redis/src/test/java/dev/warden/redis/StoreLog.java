package dev.warden.redis;

import java.text.MessageFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Records what Warden logs through {@code System.Logger} {@code dev.warden}, which the JDK's
 * default logger finder backs with the {@code java.util.logging} logger of that name, while open:
 * a filter on that logger that lets every record pass. Use in try-with-resources.
 *
 * <p>The tests are patched into the module {@code dev.warden.redis}, which does not read {@code
 * java.logging}: the constructor adds that edge before any of its types is resolved (the test
 * classes name none of them).
 *
 * <p>Thread-safe for the logging threads; opened and closed by one test.
 */
final class StoreLog implements AutoCloseable {

  private final List<String> records = new CopyOnWriteArrayList<>();
  private final Logger logger;
  private final Filter previous;

  StoreLog() {
    StoreLog.class.getModule().addReads(ModuleLayer.boot().findModule("java.logging").orElseThrow());
    logger = Logger.getLogger("dev.warden");
    previous = logger.getFilter();
    logger.setFilter(this::record);
  }

  private boolean record(LogRecord record) {
    Object[] parameters = record.getParameters();
    String message = parameters == null || parameters.length == 0
        ? record.getMessage()
        : MessageFormat.format(record.getMessage(), parameters);
    records.add(record.getLevel().getName() + " " + message);
    return previous == null || previous.isLoggable(record);
  }

  /**
   * The messages logged so far at {@code level} that contain {@code fragment}.
   *
   * @param level a {@code java.util.logging} level name: {@code WARNING}, {@code INFO}, …
   */
  List<String> messages(String level, String fragment) {
    String prefix = level + " ";
    return records.stream()
        .filter(r -> r.startsWith(prefix) && r.contains(fragment))
        .map(r -> r.substring(prefix.length()))
        .collect(Collectors.toList());
  }

  @Override
  public void close() {
    logger.setFilter(previous);
  }
}
