package com.acme.sdk;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * A third-party client: compiled without Warden on the class path, so it carries no Warden
 * annotation; the agent guards it from configuration only.
 */
public class Client {

  private int attempts;

  public String send(String message) {
    return "sent " + message;
  }

  public String send(String message, int copies) {
    return "sent " + message + " x" + copies;
  }

  public String send(byte[] payload) {
    return "sent " + payload.length + " bytes";
  }

  public String publish(String topic) {
    return "published " + topic;
  }

  public String publish(String topic, int partition) {
    return "published " + topic + "/" + partition;
  }

  public String receive(String queue) {
    if (queue.isEmpty()) {
      throw new IllegalArgumentException("no queue");
    }
    return "received from " + queue;
  }

  public static String ping() {
    return "pong";
  }

  private String secret() {
    return "secret";
  }

  public String reveal() {
    return secret();
  }

  public final String seal() {
    return "sealed";
  }

  public synchronized String lock() {
    return "locked";
  }

  public synchronized String peek() {
    return "peeked";
  }

  /** Fails with an {@link IOException} until its {@code failures}-th attempt has failed. */
  public String flaky(int failures) throws IOException {
    attempts++;
    if (attempts <= failures) {
      throw new IOException("attempt " + attempts);
    }
    return "ok after " + attempts;
  }

  /** Attempts made since the last call of this method. */
  public int attemptsMade() {
    int made = attempts;
    attempts = 0;
    return made;
  }

  public CompletableFuture<String> fetchAsync(String key) {
    return CompletableFuture.completedFuture("value " + key);
  }

  public String quote(String symbol) {
    return "quote " + symbol;
  }

  private String cachedQuote(String symbol, Throwable cause) {
    return "cached " + symbol + " (" + cause.getClass().getSimpleName() + ")";
  }

  public String upload(String file) {
    return "uploaded " + file;
  }

  public String download(String file) {
    return "downloaded " + file;
  }

  /** A pool of connections, a nested class. */
  public static class Pool {

    public String borrow() {
      return "connection";
    }
  }
}
