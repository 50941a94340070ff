package com.acme;

import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Throttled;
import java.util.concurrent.CompletionStage;

public interface Inventory {
  @Throttled(callsPerSecond = 100)
  CompletionStage<Integer> stock(String sku);

  void restock(String sku, int count);

  default String region() {
    return "eu";
  }

  @CountCalls
  default String label(String sku) {
    return region() + ":" + sku;
  }
}
