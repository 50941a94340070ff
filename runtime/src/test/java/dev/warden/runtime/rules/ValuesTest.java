package dev.warden.runtime.rules;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.warden.runtime.ConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Class lists of configured declarations: no compiler checked them, so {@link Values#check} checks
 * them as it checks overridden ones, naming the entry; {@link Values#checkNumbers} leaves them to
 * the check that has a class loader, and lists written in an annotation stay the compiler's concern.
 */
class ValuesTest {

  private static final String SOURCE = "/etc/shop/guards.properties";
  private static final TypeOracle ORACLE = Reflection.oracle(ValuesTest.class.getClassLoader());

  private static GuardDeclaration configured(String guard) {
    return GuardEntries.parseLine("com.acme.Client#send = " + guard, SOURCE).guards().values().iterator().next();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "@Breaker(failOn={java.io.IOException, com.acme.Nope})        | failOn={java.io.IOException, com.acme.Nope}"
        + " | class com.acme.Nope not found",
    "@Breaker(failOn=java.lang.String)                             | failOn={java.lang.String}"
        + " | java.lang.String is not a Throwable",
    "@Breaker(ignore={com.acme.Nope.class})                        | ignore={com.acme.Nope}"
        + " | class com.acme.Nope not found",
    "@Retry(retryOn=com.acme.Nope)                                 | retryOn={com.acme.Nope}"
        + " | class com.acme.Nope not found",
    "@Retry(retryOn={java.io.IOException}, abortOn={java.util.List}) | abortOn={java.util.List}"
        + " | java.util.List is not a Throwable",
  })
  void aConfiguredClassListNamingNoThrowableIsAnErrorNamingTheEntry(String guard, String written, String problem) {
    GuardDeclaration d = configured(guard);
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> Values.check(d, ORACLE));
    assertEquals("Invalid " + d.kind().display() + "(" + written + ") on com.acme.Client#send in " + SOURCE + ": "
        + problem, e.getMessage());
    assertEquals(written.substring(0, written.indexOf('=')), e.attribute());
    assertDoesNotThrow(() -> Values.checkNumbers(d), "class names need a class loader: checked at weave time");
    GuardDeclaration annotated = new GuardDeclaration(d.kind(), d.where(), d.values());
    assertDoesNotThrow(() -> Values.check(annotated, ORACLE), "written in an annotation: the compiler's concern");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "@Breaker(failOn={java.io.IOException}, ignore={java.lang.IllegalStateException})",
    "@Retry(retryOn=java.io.IOException.class, abortOn={java.lang.Error})",
    "@Breaker",
  })
  void aConfiguredClassListOfThrowablesPasses(String guard) {
    assertDoesNotThrow(() -> Values.check(configured(guard), ORACLE));
  }
}
