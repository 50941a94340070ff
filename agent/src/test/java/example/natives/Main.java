package example.natives;

/** Loads the classes with guarded native methods and calls their Java methods. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.out.println(new Clock().now() + new Sensors().cached());
  }
}
