package dev.warden.it;

import dev.warden.it.fixtures.AsyncRates;
import dev.warden.it.fixtures.AsyncSearch;
import dev.warden.it.fixtures.Catalog;
import dev.warden.it.fixtures.ClusterQuota;
import dev.warden.it.fixtures.FlakyBackend;
import dev.warden.it.fixtures.GeoClient;
import dev.warden.it.fixtures.HttpClient;
import dev.warden.it.fixtures.Inventory;
import dev.warden.it.fixtures.OrderDesk;
import dev.warden.it.fixtures.PartnerApi;
import dev.warden.it.fixtures.PartnerReports;
import dev.warden.it.fixtures.Payments;
import dev.warden.it.fixtures.QuoteBoard;
import dev.warden.it.fixtures.RatesClient;
import dev.warden.it.fixtures.SettlementClient;
import dev.warden.it.fixtures.SlowReports;
import dev.warden.it.fixtures.Tunable;
import dev.warden.it.fixtures.Warehouse;

/**
 * The one thing a scenario needs from a mode: a guarded instance of each fixture. Processor mode
 * answers {@code new GuardedX(…)}, agent mode {@code new X(…)} (the agent guards it).
 */
interface Fixtures {

  HttpClient http(FlakyBackend backend);

  GeoClient geo();

  PartnerApi partnerApi();

  PartnerReports partnerReports();

  <K extends Comparable<K>, V> Inventory<K, V> inventory();

  AsyncSearch asyncSearch();

  Payments.Refunds refunds();

  Tunable tunable();

  QuoteBoard quoteBoard();

  Warehouse warehouse();

  SlowReports slowReports();

  OrderDesk orderDesk();

  RatesClient ratesClient();

  SettlementClient settlementClient();

  AsyncRates asyncRates();

  /** Only after ClusterThrottleIT has configured its guard into Redis (its site reads the configuration once). */
  ClusterQuota clusterQuota();

  /** {@code delegate} behind whatever guards its interface's annotations in this mode. */
  Catalog catalog(Catalog delegate);
}
