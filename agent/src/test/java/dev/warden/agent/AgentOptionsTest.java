package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

  @Test
  void defaultsToAllPackagesQuietly() {
    AgentOptions options = AgentOptions.parse(null);
    assertEquals(List.of(), options.internalPackagePrefixes());
    assertFalse(options.verbose());
    assertEquals(List.of(), AgentOptions.parse("").internalPackagePrefixes());
  }

  @Test
  void readsSeveralPackagesAfterOnePackagesKey() {
    AgentOptions options = AgentOptions.parse("packages=com.acme,org.shop.,verbose=true");
    assertEquals(List.of("com/acme/", "org/shop/"), options.internalPackagePrefixes());
    assertTrue(options.verbose());
  }

  @Test
  void acceptsRepeatedPackagesKeys() {
    assertEquals(List.of("a/", "b/c/"), AgentOptions.parse("packages=a,verbose=false,packages=b.c").internalPackagePrefixes());
  }

  @Test
  void namesTheBadOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("verbose=true,x=1"));
    assertEquals("Invalid warden-agent option: unknown option 'x' (known: packages, verbose) in 'verbose=true,x=1'",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("com.acme"));
    assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("packages=1abc"));
  }
}
