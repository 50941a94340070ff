package dev.warden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    assertEquals("Invalid warden-agent option: unknown option 'x' (known: packages, verbose, config) in 'verbose=true,x=1'",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("com.acme"));
    assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("packages=1abc"));
  }

  @Test
  void readsTheConfigFileAsAnAbsolutePath(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("guards.properties"), "");
    AgentOptions options = AgentOptions.parse("packages=com.acme,config=" + file + ",verbose=true");
    assertEquals(file.toAbsolutePath(), options.config());
    assertEquals(List.of("com/acme/"), options.internalPackagePrefixes());
    assertTrue(options.verbose());
    assertEquals(null, AgentOptions.parse("verbose=true").config());
  }

  @Test
  void refusesAnEmptyRepeatedOrUnreadableConfigFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("guards.properties"), "");
    assertEquals("Invalid warden-agent option: config needs a file name in 'config='",
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("config=")).getMessage());
    String twice = "config=" + file + ",config=" + file;
    assertEquals("Invalid warden-agent option: config is given twice in '" + twice + "'",
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(twice)).getMessage());
    Path missing = dir.resolve("missing.properties");
    assertEquals("Invalid warden-agent option: config file " + missing + " is not a readable file in 'config="
            + missing + "'",
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("config=" + missing)).getMessage());
    assertEquals("Invalid warden-agent option: config file " + dir + " is not a readable file in 'config=" + dir + "'",
        assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse("config=" + dir)).getMessage());
  }

  @Test
  void tellsWhetherAClassLiesInTheSelectedPackages() {
    AgentOptions options = AgentOptions.parse("packages=com.acme,org.shop");
    assertTrue(options.selects("com.acme.sdk.Client"));
    assertTrue(options.selects("org.shop.Cart"));
    assertFalse(options.selects("com.acmex.Client"));
    assertEquals("packages=com.acme,org.shop", options.packagesOption());
    assertTrue(AgentOptions.parse(null).selects("any.Thing"));
  }
}
