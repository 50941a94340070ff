package com.acme;

import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Retry;
import java.io.IOException;
import java.util.List;

@Retry(maxAttempts = 4, delayMillis = 10)
public class RetryingClient {
  public RetryingClient() {
  }

  @CountCalls
  public String fetch(String key, int attempt) throws IOException {
    return key + attempt;
  }

  public <T extends Comparable<T>> List<T> sorted(List<T> items) {
    return items;
  }

  public int count(int permit, long result) {
    return permit;
  }

  public void ping() {
  }

  @CountCalls
  protected String local() {
    return "local";
  }
}
