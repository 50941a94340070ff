package app;

import com.acme.sdk.Client;
import com.acme.sdk.Special;

/**
 * Loads {@link Client}, {@link Special} and a class of the JDK's platform loader (never {@code
 * Client.Pool}), calls a method of each, then prints a PASS line.
 */
public final class Start {

  private Start() {}

  public static void main(String[] args) throws Exception {
    System.out.println(Client.ping());
    System.out.println(new Special().special());
    System.out.println(new javax.sql.rowset.RowSetMetaDataImpl().getColumnCount());
    System.out.println("PASS started");
  }
}
