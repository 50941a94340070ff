/** The third-party SDK as a named module (the same jar also runs on the class path). */
module com.acme.sdk {
  exports com.acme.sdk;
  exports javax.acme;
}
