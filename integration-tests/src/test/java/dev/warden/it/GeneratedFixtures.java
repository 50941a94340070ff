package dev.warden.it;

import dev.warden.it.fixtures.AsyncRates;
import dev.warden.it.fixtures.AsyncSearch;
import dev.warden.it.fixtures.Catalog;
import dev.warden.it.fixtures.ClusterQuota;
import dev.warden.it.fixtures.FlakyBackend;
import dev.warden.it.fixtures.GeoClient;
import dev.warden.it.fixtures.GuardedAsyncRates;
import dev.warden.it.fixtures.GuardedAsyncSearch;
import dev.warden.it.fixtures.GuardedCatalog;
import dev.warden.it.fixtures.GuardedClusterQuota;
import dev.warden.it.fixtures.GuardedGeoClient;
import dev.warden.it.fixtures.GuardedHttpClient;
import dev.warden.it.fixtures.GuardedInventory;
import dev.warden.it.fixtures.GuardedOrderDesk;
import dev.warden.it.fixtures.GuardedPartnerApi;
import dev.warden.it.fixtures.GuardedPartnerReports;
import dev.warden.it.fixtures.GuardedPayments_Refunds;
import dev.warden.it.fixtures.GuardedQuoteBoard;
import dev.warden.it.fixtures.GuardedRatesClient;
import dev.warden.it.fixtures.GuardedSettlementClient;
import dev.warden.it.fixtures.GuardedSlowReports;
import dev.warden.it.fixtures.GuardedTunable;
import dev.warden.it.fixtures.GuardedWarehouse;
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

/** The {@code Guarded…} classes the annotation processor generated next to the fixtures. */
final class GeneratedFixtures implements Fixtures {

  @Override
  public HttpClient http(FlakyBackend backend) {
    return new GuardedHttpClient(backend);
  }

  @Override
  public GeoClient geo() {
    return new GuardedGeoClient();
  }

  @Override
  public PartnerApi partnerApi() {
    return new GuardedPartnerApi();
  }

  @Override
  public PartnerReports partnerReports() {
    return new GuardedPartnerReports();
  }

  @Override
  public <K extends Comparable<K>, V> Inventory<K, V> inventory() {
    return new GuardedInventory<>();
  }

  @Override
  public AsyncSearch asyncSearch() {
    return new GuardedAsyncSearch();
  }

  @Override
  public Payments.Refunds refunds() {
    return new GuardedPayments_Refunds();
  }

  @Override
  public Tunable tunable() {
    return new GuardedTunable();
  }

  @Override
  public QuoteBoard quoteBoard() {
    return new GuardedQuoteBoard();
  }

  @Override
  public Warehouse warehouse() {
    return new GuardedWarehouse();
  }

  @Override
  public SlowReports slowReports() {
    return new GuardedSlowReports();
  }

  @Override
  public OrderDesk orderDesk() {
    return new GuardedOrderDesk();
  }

  @Override
  public RatesClient ratesClient() {
    return new GuardedRatesClient();
  }

  @Override
  public SettlementClient settlementClient() {
    return new GuardedSettlementClient();
  }

  @Override
  public AsyncRates asyncRates() {
    return new GuardedAsyncRates();
  }

  @Override
  public ClusterQuota clusterQuota() {
    return new GuardedClusterQuota();
  }

  @Override
  public Catalog catalog(Catalog delegate) {
    return new GuardedCatalog(delegate);
  }
}
