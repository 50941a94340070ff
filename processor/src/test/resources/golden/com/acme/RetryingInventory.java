package com.acme;

import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Retry;
import java.util.concurrent.CompletionStage;

public interface RetryingInventory {
  @Retry(delayMillis = 0)
  CompletionStage<Integer> stock(String sku);

  @CountCalls
  void restock(String sku, int count);

  @Retry(maxAttempts = 2, delayMillis = 0)
  default String label(String sku) {
    return sku;
  }
}
