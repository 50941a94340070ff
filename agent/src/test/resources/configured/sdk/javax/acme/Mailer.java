package javax.acme;

/** A library class in a {@code javax.} package that is not the JDK's (as javax.mail is). */
public class Mailer {

  public String send(String to) {
    return "mailed " + to;
  }
}
