package com.acme;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import java.io.IOException;
import java.util.List;

@CountCalls
public class PaymentClient {
  private final String endpoint;

  public PaymentClient(String endpoint) {
    this.endpoint = endpoint;
  }

  @Throttled(callsPerSecond = 10, burst = 5)
  @Breaker(failureThreshold = 3, fallback = "declined")
  public String charge(String account, int cents) throws IOException {
    return endpoint + account + cents;
  }

  public <T extends Comparable<T>> List<T> sorted(List<T> items) {
    return items;
  }

  public void ping() {
  }

  String declined(String account, int cents) {
    return "declined";
  }
}
