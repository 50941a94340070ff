package com.acme.sdk;

/** A search client that a class-level guard entry names. */
public class Search {

  public String find(String query) {
    return "found " + query;
  }

  public String suggest(String prefix) {
    return "suggested " + prefix;
  }

  public static String version() {
    return "1.0";
  }
}
