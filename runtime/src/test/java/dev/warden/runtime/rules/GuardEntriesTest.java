package dev.warden.runtime.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.annotations.Breaker;
import dev.warden.annotations.Bulkhead;
import dev.warden.annotations.CountCalls;
import dev.warden.annotations.Retry;
import dev.warden.annotations.Throttled;
import dev.warden.annotations.Timeout;
import dev.warden.runtime.ConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guard entries: the grammar (valid forms and the exact message of each invalid one), values of
 * exactly the annotation's types with the annotation's defaults, and {@code where} naming the
 * entry in the rules' messages.
 */
class GuardEntriesTest {

  private static final String SOURCE = "/etc/shop/guards.properties";

  /** Methods to select: overloads, arrays and varargs, statics. */
  @SuppressWarnings("unused")
  static class Client {
    public void send(String message) {}

    public void send(String message, int priority) {}

    public void sendAll(List<String> messages) {}

    public void bulk(int[][] matrix, String... tags) {}

    public static void ping() {}
  }

  /** The annotated twins of configured entries: every attribute written with a non-default value. */
  @SuppressWarnings("unused")
  static class Annotated {
    @Throttled(callsPerSecond = 5, burst = 10, maxWaitMillis = 100, name = "t", fallback = "f")
    @Breaker(failureThreshold = 3, cooldownMillis = 500, halfOpenCalls = 2, failOn = IOException.class,
        ignore = {IllegalStateException.class, TimeoutException.class}, name = "b", fallback = "f")
    @Retry(maxAttempts = 4, delayMillis = 200, multiplier = 1.5, maxDelayMillis = 900, jitter = 0.0,
        retryOn = {IOException.class}, abortOn = {}, name = "r")
    @Bulkhead(maxConcurrent = 8, maxWaitMillis = 100, name = "k", fallback = "f")
    @Timeout(millis = 2000, interrupt = false, name = "o")
    @CountCalls(name = "c")
    void written() {}

    @Throttled(callsPerSecond = 1)
    @Breaker
    @Retry
    @Bulkhead(maxConcurrent = 1)
    @Timeout(millis = 1)
    @CountCalls
    void defaults() {}
  }

  private static final String WRITTEN = "@Throttled(callsPerSecond=5, burst=10, maxWaitMillis=100, name=\"t\","
      + " fallback=\"f\") @Breaker(failureThreshold=3, cooldownMillis=500, halfOpenCalls=2,"
      + " failOn=java.io.IOException.class, ignore={java.lang.IllegalStateException,"
      + " java.util.concurrent.TimeoutException}, name=\"b\", fallback=\"f\") @Retry(maxAttempts=4, delayMillis=200,"
      + " multiplier=1.5, maxDelayMillis=900, jitter=0.0, retryOn={java.io.IOException}, abortOn={}, name=\"r\")"
      + " @Bulkhead(maxConcurrent=8, maxWaitMillis=100, name=\"k\", fallback=\"f\")"
      + " @Timeout(millis=2000, interrupt=false, name=\"o\") @CountCalls(name=\"c\")";

  private static final String DEFAULTS = "@Throttled(callsPerSecond=1) @Breaker @Retry() @Bulkhead(maxConcurrent=1)"
      + " @Timeout(millis=1) @CountCalls";

  private static GuardEntry parse(String line) {
    return GuardEntries.parseLine(line, SOURCE);
  }

  private static MethodShape shape(String name, Class<?>... parameters) throws NoSuchMethodException {
    return Reflection.shape(Client.class.getDeclaredMethod(name, parameters));
  }

  private static final String CLIENT = Client.class.getName();

  @Test
  void aMethodWithoutParametersSelectsEveryOverloadDeclaredInTheClass() throws Exception {
    GuardEntry e = parse(CLIENT + "#send = @CountCalls");
    assertEquals(CLIENT, e.className());
    assertEquals("send", e.methodName());
    assertNull(e.parameterTypes());
    assertFalse(e.classLevel());
    assertTrue(e.selects(shape("send", String.class)));
    assertTrue(e.selects(shape("send", String.class, int.class)));
    assertFalse(e.selects(shape("sendAll", List.class)));
    assertFalse(parse("other.Client#send = @CountCalls").selects(shape("send", String.class)), "another class");
  }

  @Test
  void aParameterListSelectsOneOverload() throws Exception {
    GuardEntry e = parse(CLIENT + "#send(java.lang.String) = @CountCalls");
    assertEquals(List.of("java.lang.String"), e.parameterTypes());
    assertTrue(e.selects(shape("send", String.class)));
    assertFalse(e.selects(shape("send", String.class, int.class)));
    assertEquals(List.of(), parse(CLIENT + "#send() = @CountCalls").parameterTypes());
    assertFalse(parse(CLIENT + "#send() = @CountCalls").selects(shape("send", String.class)));
  }

  @Test
  void arraysAndVarargsAreWrittenAsTypeNamesWrite() throws Exception {
    GuardEntry e = parse(CLIENT + "#bulk( int[][] , java.lang.String... ) = @CountCalls");
    assertEquals(List.of("int[][]", "java.lang.String[]"), e.parameterTypes());
    assertEquals(CLIENT + "#bulk(int[][], java.lang.String[])", e.selector());
    assertTrue(e.selects(shape("bulk", int[][].class, String[].class)));
    assertTrue(parse(CLIENT + "#bulk(int[][],java.lang.String[]) = @CountCalls")
        .selects(shape("bulk", int[][].class, String[].class)));
  }

  @Test
  void nestedClassesAreWrittenWithDollar() {
    GuardEntry e = parse("com.acme.sdk.Client$Pool#borrow = @Bulkhead(maxConcurrent=8)");
    assertEquals("com.acme.sdk.Client$Pool", e.className());
    assertEquals("com.acme.sdk.Client$Pool#borrow in " + SOURCE, e.where());
    assertEquals(e.where(), e.guards().get(GuardKind.BULKHEAD).where());
  }

  @Test
  void aClassLevelEntryAppliesLikeATypeLevelAnnotation() throws Exception {
    GuardEntry e = parse(CLIENT + " = @CountCalls");
    assertTrue(e.classLevel());
    assertNull(e.methodName());
    assertEquals(CLIENT, e.selector());
    assertTrue(e.selects(shape("send", String.class)));
    assertFalse(e.selects(shape("ping")), "static");
  }

  @Test
  void aMethodEntryOfAKindReplacesTheClassLevelOne() throws Exception {
    GuardEntry onType = parse(CLIENT + " = @Throttled(callsPerSecond=1) @CountCalls");
    GuardEntry own = parse(CLIENT + "#send(java.lang.String) = @Throttled(callsPerSecond=2)");
    Map<GuardKind, GuardDeclaration> applied = GuardEntries.applicable(shape("send", String.class), own, onType);
    assertEquals(List.of(GuardKind.THROTTLED, GuardKind.COUNT_CALLS), List.copyOf(applied.keySet()));
    assertEquals(2.0, applied.get(GuardKind.THROTTLED).value("callsPerSecond"));
    assertEquals(onType.where(), applied.get(GuardKind.COUNT_CALLS).where());
    assertEquals(Map.of(), GuardEntries.applicable(shape("ping"), null, onType), "a static method: type level skips it");
    assertEquals(Map.of(), GuardEntries.applicable(shape("ping"), null, null));
  }

  @Test
  void qualifiedKindNamesAndClassLiteralsAreAccepted() {
    GuardEntry e = parse("a.B#m = @dev.warden.annotations.Breaker(failOn=java.io.IOException.class,"
        + " ignore={java.lang.IllegalStateException.class, java.lang.Error}) @dev.warden.annotations.CountCalls");
    GuardDeclaration breaker = e.guards().get(GuardKind.BREAKER);
    assertEquals(List.of("java.io.IOException"), breaker.typeNames("failOn"));
    assertEquals(List.of("java.lang.IllegalStateException", "java.lang.Error"), breaker.typeNames("ignore"));
    assertEquals(List.of(GuardKind.BREAKER, GuardKind.COUNT_CALLS), List.copyOf(e.guards().keySet()));
  }

  @Test
  void theLineParsesToAnEqualEntry() {
    GuardEntry e = parse("a.B$C#m( int , java.lang.String... )   =   " + WRITTEN);
    assertEquals("a.B$C#m(int, java.lang.String[]) = " + WRITTEN, e.line());
    assertEquals(e, GuardEntries.parseLine(e.line(), e.source()));
  }

  /** Entries as {@link Properties#load} hands them over: continuation lines, and keys ended by a blank. */
  @Test
  void entriesReadFromAPropertiesFile() throws IOException {
    List<String[]> loaded = new ArrayList<>(); // in file order: Properties.load puts each line
    Properties file = new Properties() {
      @Override
      public synchronized Object put(Object key, Object value) {
        loaded.add(new String[] {(String) key, (String) value});
        return super.put(key, value);
      }
    };
    file.load(new StringReader(String.join("\n",
        "# guards of the SDK",
        "com.acme.Client#send(java.lang.String, int) = @Throttled(callsPerSecond=5, burst=10)",
        "com.acme.Client#fetch = @Retry(maxAttempts=4, retryOn={java.io.IOException}) \\",
        "                        @Timeout(millis=2000) @CountCalls",
        "com.acme.Client#put(java.lang.String,\\",
        "    byte[]) = @CountCalls",
        "com.acme.Client#get (java.lang.String)=@CountCalls",
        "warden.com.acme.Client#send.burst = 20")));
    List<String> lines = new ArrayList<>();
    for (String[] kv : loaded) {
      if (GuardEntries.isEntryKey(kv[0])) {
        lines.add(GuardEntries.parse(kv[0], kv[1], SOURCE).line());
      }
    }
    assertEquals(List.of(
        "com.acme.Client#send(java.lang.String, int) = @Throttled(callsPerSecond=5, burst=10)",
        "com.acme.Client#fetch = @Retry(maxAttempts=4, retryOn={java.io.IOException}) @Timeout(millis=2000) @CountCalls",
        "com.acme.Client#put(java.lang.String, byte[]) = @CountCalls",
        "com.acme.Client#get(java.lang.String) = @CountCalls"), lines);
  }

  @Test
  void keysStartingWithWardenAreOverrides() {
    assertFalse(GuardEntries.isEntryKey("warden.com.acme.Client#send.burst"));
    assertTrue(GuardEntries.isEntryKey("com.acme.Client#send"));
    assertTrue(GuardEntries.isEntryKey("wardenx.Client#send"));
  }

  @Test
  void theKeyAndValueOfASplitParameterListAreReadAsOneEntry() {
    GuardEntry e = GuardEntries.parse("a.B#m(java.lang.String,", "int) = @CountCalls", SOURCE);
    assertEquals(List.of("java.lang.String", "int"), e.parameterTypes());
    ConfigurationException x = assertThrows(ConfigurationException.class,
        () -> GuardEntries.parse("a.B#m(java.lang.String,", "int) @CountCalls", SOURCE));
    assertEquals("Invalid guard entry 'a.B#m(java.lang.String, int) @CountCalls' (" + SOURCE + "): expected '='"
        + " after the selector, found '@CountCalls'", x.getMessage());
    x = assertThrows(ConfigurationException.class, () -> GuardEntries.parse("a.B#m(int", "@CountCalls", SOURCE));
    assertEquals("Invalid guard entry 'a.B#m(int @CountCalls' (" + SOURCE + "): unclosed '(' in the parameter list",
        x.getMessage());
  }

  static Stream<Arguments> invalidEntries() {
    return Stream.of(
        Arguments.of("a.B#m = @Throtled(callsPerSecond=1)",
            "unknown guard @Throtled; known: @Breaker, @Bulkhead, @CountCalls, @Retry, @Throttled, @Timeout"),
        Arguments.of("a.B#m = @Throttled(burts=10)",
            "@Throttled has no attribute 'burts'; known: burst, callsPerSecond, fallback, maxWaitMillis, name"),
        Arguments.of("a.B#m = @Throttled(hashCode=1)",
            "@Throttled has no attribute 'hashCode'; known: burst, callsPerSecond, fallback, maxWaitMillis, name"),
        Arguments.of("a.B#m = @Throttled(callsPerSecond=1, burst=2, burst=3)", "@Throttled sets burst twice"),
        Arguments.of("a.B#m = @CountCalls @Throttled(callsPerSecond=1) @CountCalls",
            "@CountCalls appears twice; write each guard once per entry"),
        Arguments.of("a.B#m = @Throttled(burst=2)", "@Throttled needs callsPerSecond"),
        Arguments.of("a.B#m = @Throttled", "@Throttled needs callsPerSecond"),
        Arguments.of("a.B#m = @Bulkhead()", "@Bulkhead needs maxConcurrent"),
        Arguments.of("a.B#m = @Timeout(interrupt=false)", "@Timeout needs millis"),
        Arguments.of("a.B#m = @Throttled(callsPerSecond=1, burst=1.5)", "@Throttled(burst=1.5): not an integer (int)"),
        Arguments.of("a.B#m = @Throttled(callsPerSecond=1, burst=1_000)",
            "@Throttled(burst=1_000): not an integer (int)"),
        Arguments.of("a.B#m = @Throttled(callsPerSecond=fast)", "@Throttled(callsPerSecond=fast): not a number"),
        Arguments.of("a.B#m = @Throttled(callsPerSecond=\"5\")", "@Throttled(callsPerSecond=\"5\"): not a number"),
        Arguments.of("a.B#m = @Timeout(millis=5, interrupt=maybe)",
            "@Timeout(interrupt=maybe): not a boolean (true or false)"),
        Arguments.of("a.B#m = @Throttled(callsPerSecond=1, name=search-api)",
            "@Throttled(name=search-api): text must be quoted: name=\"search-api\""),
        Arguments.of("a.B#m = @Throttled(callsPerSecond=1, fallback=\"none)",
            "@Throttled(fallback=\"…): unclosed '\"'"),
        Arguments.of("a.B#m = @Breaker(failOn=\"java.io.IOException\")",
            "@Breaker(failOn=\"java.io.IOException\"): a list of classes is written {com.acme.A, com.acme.B},"
                + " or as one class name, without quotes"),
        Arguments.of("a.B#m = @Breaker(failOn={java.io.IOException, 2x})",
            "@Breaker(failOn={java.io.IOException, 2x}): '2x' is not a binary class name"
                + " (e.g. com.acme.Client or com.acme.Outer$Inner)"),
        Arguments.of("a.B#m = @Breaker(failOn={java.io.IOException)", "@Breaker(failOn={…): unclosed '{'"),
        Arguments.of("a.B#m = @Throttled(callsPerSecond=)", "@Throttled(callsPerSecond=): the value is missing"),
        Arguments.of("a.B#m = @Throttled(callsPerSecond 5)", "@Throttled: expected '=' after callsPerSecond"),
        Arguments.of("a.B#m = @Throttled(callsPerSecond=5", "unclosed '(' after @Throttled"),
        Arguments.of("a.B#m = @Throttled(callsPerSecond=5,", "unclosed '(' after @Throttled"),
        Arguments.of("a.B#m = @Throttled(callsPerSecond=5 burst=2)", "@Throttled: expected ',' or ')' at 'burst=2)'"),
        Arguments.of("a.B#m = @Throttled(, burst=2)", "@Throttled: expected an attribute name at ', burst=2)'"),
        Arguments.of("a.B#m = Throttled(callsPerSecond=5)",
            "expected a guard such as @Throttled(callsPerSecond=5) at 'Throttled(callsPerSecond=5)'"),
        Arguments.of("a.B#m = @CountCalls, @Retry",
            "expected a guard such as @Throttled(callsPerSecond=5) at ', @Retry'"),
        Arguments.of("a.B#<init> = @CountCalls", "<init>: constructors and initializers cannot be guarded"),
        Arguments.of("a.B#<clinit> = @CountCalls", "<clinit>: constructors and initializers cannot be guarded"),
        Arguments.of("a.B#<m> = @CountCalls", "'<m>' is not a method name"),
        Arguments.of("a.B#m =", "no guards after '='; write at least one, e.g. @Throttled(callsPerSecond=5)"),
        Arguments.of("a.B#m = ", "no guards after '='; write at least one, e.g. @Throttled(callsPerSecond=5)"),
        Arguments.of("a.B#m @CountCalls", "expected '=' after the selector, found '@CountCalls'"),
        Arguments.of("a.B#m", "no '=' between the selector and the guards"),
        Arguments.of("= @CountCalls",
            "the class name is missing; write <class>[#<method>[(<parameter types>)]] = <guards>"),
        Arguments.of("com..acme.B#m = @CountCalls",
            "'com..acme.B' is not a binary class name (e.g. com.acme.Client or com.acme.Outer$Inner)"),
        Arguments.of("com.acme.1B#m = @CountCalls",
            "'com.acme.1B' is not a binary class name (e.g. com.acme.Client or com.acme.Outer$Inner)"),
        Arguments.of("a.B# = @CountCalls", "the method name after '#' is missing"),
        Arguments.of("a.B#x.y = @CountCalls", "'x.y' is not a method name"),
        Arguments.of("a.B#m(java.util.List<java.lang.String>) = @CountCalls",
            "'java.util.List<java.lang.String>' is not a parameter type (write a primitive, an erased binary"
                + " class name such as java.util.List, T[] or T...)"),
        Arguments.of("a.B#m(void) = @CountCalls",
            "'void' is not a parameter type (write a primitive, an erased binary class name such as"
                + " java.util.List, T[] or T...)"),
        Arguments.of("a.B#m(int[) = @CountCalls",
            "'int[' is not a parameter type (write a primitive, an erased binary class name such as"
                + " java.util.List, T[] or T...)"),
        Arguments.of("a.B#m(int,) = @CountCalls", "a parameter type is missing in the parameter list"),
        Arguments.of("a.B#m(int... , int) = @CountCalls", "only the last parameter can be written int..."),
        Arguments.of("a.B#m(int = @CountCalls", "unclosed '(' in the parameter list"),
        Arguments.of("a.B#m(int", "unclosed '(' in the parameter list"),
        Arguments.of("a.B#m(int)) = @CountCalls", "unbalanced ')' in the selector"),
        Arguments.of("a.B(int) = @CountCalls", "expected '=' after the selector, found '(int) = @CountCalls'"));
  }

  @ParameterizedTest
  @MethodSource("invalidEntries")
  void anInvalidEntryIsAnErrorNamingTheEntryItsSourceAndTheProblem(String line, String problem) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> parse(line));
    assertEquals("Invalid guard entry '" + line.trim() + "' (" + SOURCE + "): " + problem, e.getMessage());
  }

  /**
   * Review R5: a parameter type written as Java source writes it (a simple name, or a nested class
   * with a dot) never matches a method, so it is an error with the name to write instead.
   */
  static Stream<Arguments> sourceStyleParameterTypes() {
    return Stream.of(
        Arguments.of("com.acme.Client#send(String) = @CountCalls",
            "'String' is not a binary class name; write java.lang.String"),
        Arguments.of("com.acme.Client#send(java.lang.String, Integer) = @CountCalls",
            "'Integer' is not a binary class name; write java.lang.Integer"),
        Arguments.of("com.acme.Client#send(Object[]) = @CountCalls",
            "'Object' is not a binary class name; write java.lang.Object"),
        Arguments.of("com.acme.Client#send(Object...) = @CountCalls",
            "'Object' is not a binary class name; write java.lang.Object"),
        Arguments.of("com.acme.Client#send(Payload) = @CountCalls",
            "'Payload' is not a binary class name; write it with its package, e.g. com.acme.Payload,"
                + " or com.acme.Client$Payload for a class nested in com.acme.Client"),
        Arguments.of("com.acme.Client#send(Thread.State) = @CountCalls",
            "'Thread.State' is not a binary class name; write java.lang.Thread$State"),
        Arguments.of("com.acme.Client#send(com.acme.Client.Mode) = @CountCalls",
            "'com.acme.Client.Mode' is not a binary class name; write com.acme.Client$Mode"),
        Arguments.of("com.acme.Outer$Inner#send(com.acme.Outer.Mode.Deep[]) = @CountCalls",
            "'com.acme.Outer.Mode.Deep' is not a binary class name; write com.acme.Outer$Mode$Deep"),
        Arguments.of("com.acme.Client#send(java.util.Map.Entry) = @CountCalls",
            "'java.util.Map.Entry' is not a binary class name; write java.util.Map$Entry"));
  }

  @ParameterizedTest
  @MethodSource("sourceStyleParameterTypes")
  void aParameterTypeWrittenAsInJavaSourceIsAnErrorWithTheNameToWrite(String line, String problem) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> parse(line));
    assertEquals("Invalid guard entry '" + line + "' (" + SOURCE + "): " + problem, e.getMessage());
  }

  /** Review R5: where the name cannot be wrong, it stays accepted. */
  @Test
  void simpleAndUpperCasePackageNamesAreAcceptedWhereTheyCanBeRight() {
    assertEquals(List.of("String", "int"), parse("Client#send(String, int) = @CountCalls").parameterTypes(),
        "the selected class is in the default package, so may its parameter types be");
    assertEquals(List.of("com.Acme.Payload"), parse("com.acme.Client#send(com.Acme.Payload) = @CountCalls")
        .parameterTypes(), "a package may start upper-case");
    assertEquals(List.of("com.acme.Client$Mode", "java.util.Map$Entry"),
        parse("com.acme.Client#send(com.acme.Client$Mode, java.util.Map$Entry) = @CountCalls").parameterTypes());
  }

  /**
   * Review R6: invisible characters (identifier-ignorable or format characters) would pass as part
   * of a name that then never matches; the C1 controls are what a UTF-8 character becomes when
   * {@code Properties.load} reads the file as ISO-8859-1 (a zero-width space, E2 80 8B).
   */
  static Stream<Arguments> invisibleCharacters() {
    return Stream.of(
        Arguments.of("com.acme.Client\u200d#send = @CountCalls",
            "invisible character U+200D after 'com.acme.Client'; delete it"),
        Arguments.of("com.acme.Client#se\u00adnd = @CountCalls", "invisible character U+00AD after 'com.acme.Client#se'; delete it"),
        Arguments.of("com.acme.Cli\ufeffent#send = @CountCalls", "invisible character U+FEFF after 'com.acme.Cli'; delete it"),
        Arguments.of("com.acme.Client#send(java.lang.\u200bString) = @CountCalls",
            "invisible character U+200B after 'com.acme.Client#send(java.lang.'; delete it"),
        Arguments.of("com.acme.Client\u00e2\u0080\u008b#send = @CountCalls",
            "invisible character U+0080 after 'com.acme.Client\u00e2'; delete it (the file is read as ISO-8859-1:"
                + " write other characters as \\uXXXX escapes)"));
  }

  @ParameterizedTest
  @MethodSource("invisibleCharacters")
  void anInvisibleCharacterIsAnErrorNamingItsCodePoint(String line, String problem) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> parse(line));
    assertEquals("Invalid guard entry '" + line + "' (" + SOURCE + "): " + problem, e.getMessage());
  }

  /**
   * Review R6: a UTF-8 byte order mark (saved by some Windows editors) makes the first key start
   * with "\u00ef\u00bb\u00bf" when {@code Properties.load} reads the bytes as ISO-8859-1, or with
   * U+FEFF when read as UTF-8 text.
   */
  @Test
  void aByteOrderMarkIsAnErrorSayingHowToSaveTheFile() throws IOException {
    Properties file = new Properties();
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] line = "com.acme.Client#send = @CountCalls\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    byte[] bytes = java.util.Arrays.copyOf(bom, bom.length + line.length);
    System.arraycopy(line, 0, bytes, bom.length, line.length);
    file.load(new java.io.ByteArrayInputStream(bytes));
    String key = file.stringPropertyNames().iterator().next();
    String problem = "it starts with a UTF-8 byte order mark; save the file without one, as ISO-8859-1 or ASCII"
        + " (write other characters as \\uXXXX escapes)";
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> GuardEntries.parse(key, file.getProperty(key), SOURCE));
    assertEquals("Invalid guard entry '" + key + " = @CountCalls' (" + SOURCE + "): " + problem, e.getMessage());
    e = assertThrows(ConfigurationException.class,
        () -> GuardEntries.parse("\ufeffcom.acme.Client#send", "@CountCalls", SOURCE));
    assertEquals("Invalid guard entry '\ufeffcom.acme.Client#send = @CountCalls' (" + SOURCE + "): " + problem,
        e.getMessage());
  }

  /**
   * Review (minor parser oddities): numbers are plain decimals in entries as in overrides; Java's
   * parsing also took type suffixes, hex floats, a leading {@code +} and non-ASCII digits.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "@Throttled(callsPerSecond=5d)           | @Throttled(callsPerSecond=5d): not a number",
      "@Throttled(callsPerSecond=5F)           | @Throttled(callsPerSecond=5F): not a number",
      "@Throttled(callsPerSecond=0x10p0)       | @Throttled(callsPerSecond=0x10p0): not a number",
      "@Throttled(callsPerSecond=+5)           | @Throttled(callsPerSecond=+5): not a number",
      "@Throttled(callsPerSecond=\u0665)       | @Throttled(callsPerSecond=\u0665): not a number",
      "@Throttled(callsPerSecond=1, burst=+3)  | @Throttled(burst=+3): not an integer (int)",
      "@Throttled(callsPerSecond=1, burst=0x3) | @Throttled(burst=0x3): not an integer (int)",
      "@Timeout(millis=\u0663)                 | @Timeout(millis=\u0663): not an integer (long)",
  })
  void aNumberIsAPlainDecimal(String guards, String problem) {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> parse("a.B#m = " + guards));
    assertEquals("Invalid guard entry 'a.B#m = " + guards + "' (" + SOURCE + "): " + problem, e.getMessage());
  }

  /** Review (minor parser oddities): what stays a number, for the value rules to judge. */
  @Test
  void decimalsWithSignAndExponentAreNumbers() {
    GuardDeclaration d = parse("a.B#m = @Throttled(callsPerSecond=2.5e-1, burst=-3, maxWaitMillis=007)")
        .guards().get(GuardKind.THROTTLED);
    assertEquals(0.25, d.value("callsPerSecond"));
    assertEquals(-3, d.value("burst"));
    assertEquals(7L, d.value("maxWaitMillis"));
    assertEquals(Double.NaN, parse("a.B#m = @Throttled(callsPerSecond=NaN)").guards().get(GuardKind.THROTTLED)
        .value("callsPerSecond"), "rejected by the value rules, with their message");
  }

  /**
   * Review (minor parser oddities): the {@code :} separator of properties after a parameter list
   * with a blank, which the key ends at (the key and value are joined again).
   */
  @Test
  void aColonSeparatesSelectorAndGuardsAsInPropertiesFiles() throws IOException {
    Properties file = new Properties();
    file.load(new StringReader(String.join("\n",
        "a.B#m(java.lang.String, int) : @CountCalls",
        "a.B#n(java.lang.String, int):@CountCalls",
        "a.B#o (long) : @CountCalls",
        "a.B#p(java.lang.String,int) : @CountCalls",
        "a.B#q : @CountCalls")));
    List<String> lines = new ArrayList<>();
    for (String key : new java.util.TreeSet<>(file.stringPropertyNames())) {
      lines.add(GuardEntries.parse(key, file.getProperty(key), SOURCE).line());
    }
    assertEquals(List.of(
        "a.B#m(java.lang.String, int) = @CountCalls",
        "a.B#n(java.lang.String, int) = @CountCalls",
        "a.B#o(long) = @CountCalls",
        "a.B#p(java.lang.String, int) = @CountCalls",
        "a.B#q = @CountCalls"), lines);
  }

  /** Values of the annotation's boxed types, so that an entry and its annotated twin declare equal guards. */
  @Test
  void writtenValuesEqualTheAnnotatedTwins() throws Exception {
    assertEqualDeclarations("written", parse("a.B#m = " + WRITTEN));
  }

  @Test
  void unwrittenAttributesTakeTheAnnotationDefaults() throws Exception {
    assertEqualDeclarations("defaults", parse("a.B#m = " + DEFAULTS));
  }

  private static void assertEqualDeclarations(String twin, GuardEntry entry) throws NoSuchMethodException {
    Method annotated = Annotated.class.getDeclaredMethod(twin);
    Map<GuardKind, GuardDeclaration> expected = Reflection.applicable(annotated);
    assertEquals(expected.keySet(), entry.guards().keySet());
    for (GuardKind kind : GuardKind.values()) {
      GuardDeclaration a = expected.get(kind);
      GuardDeclaration c = entry.guards().get(kind);
      assertEquals(a.values(), c.values(), kind.display());
      a.values().forEach((attribute, value) ->
          assertEquals(value.getClass(), c.value(attribute).getClass(), kind.display() + "." + attribute));
      assertNull(SharedNames.conflict(c, "a.B#m", a, "Annotated#" + twin, "shared"), kind.display());
      assertTrue(c.configured());
      assertFalse(a.configured());
    }
  }

  @Test
  void aConfiguredDeclarationNamesItsEntryInTheRulesMessages() {
    GuardEntry e = parse("com.acme.Client#send(java.lang.String) = @Throttled(callsPerSecond=5, burst=0)");
    ConfigurationException x = assertThrows(ConfigurationException.class,
        () -> Values.checkNumbers(e.guards().get(GuardKind.THROTTLED)));
    assertEquals("Invalid @Throttled(burst=0) on com.acme.Client#send(java.lang.String) in " + SOURCE
        + ": burst must be >= 1, got 0", x.getMessage());
  }

  @Test
  void overridesApplyOnTopOfAnEntryAndKeepItConfigured() {
    System.setProperty("warden.entries.t.burst", "7");
    try {
      GuardDeclaration d = Overrides.read(null).apply(
          parse("a.B#m = @Throttled(callsPerSecond=1, burst=2, name=\"entries.t\")").guards().get(GuardKind.THROTTLED),
          "entries.t");
      assertEquals(7, d.value("burst"));
      assertTrue(d.configured());
    } finally {
      System.clearProperty("warden.entries.t.burst");
    }
  }
}
