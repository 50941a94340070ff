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

/** The annotated classes themselves: guarded only when the agent has woven them. */
final class PlainFixtures implements Fixtures {

  @Override
  public HttpClient http(FlakyBackend backend) {
    return new HttpClient(backend);
  }

  @Override
  public GeoClient geo() {
    return new GeoClient();
  }

  @Override
  public PartnerApi partnerApi() {
    return new PartnerApi();
  }

  @Override
  public PartnerReports partnerReports() {
    return new PartnerReports();
  }

  @Override
  public <K extends Comparable<K>, V> Inventory<K, V> inventory() {
    return new Inventory<>();
  }

  @Override
  public AsyncSearch asyncSearch() {
    return new AsyncSearch();
  }

  @Override
  public Payments.Refunds refunds() {
    return new Payments.Refunds();
  }

  @Override
  public Tunable tunable() {
    return new Tunable();
  }

  @Override
  public QuoteBoard quoteBoard() {
    return new QuoteBoard();
  }

  @Override
  public Warehouse warehouse() {
    return new Warehouse();
  }

  @Override
  public SlowReports slowReports() {
    return new SlowReports();
  }

  @Override
  public OrderDesk orderDesk() {
    return new OrderDesk();
  }

  @Override
  public RatesClient ratesClient() {
    return new RatesClient();
  }

  @Override
  public SettlementClient settlementClient() {
    return new SettlementClient();
  }

  @Override
  public AsyncRates asyncRates() {
    return new AsyncRates();
  }

  @Override
  public ClusterQuota clusterQuota() {
    return new ClusterQuota();
  }

  @Override
  public Catalog catalog(Catalog delegate) {
    return delegate;
  }
}
