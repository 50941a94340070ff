package dev.warden.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Test-only processor standing for any other processor of a build: in the round where it sees
 * the marker annotation {@code com.acme.MakeMoney}, it generates {@code com.acme.money.Money}.
 */
final class MoneyProcessor extends AbstractProcessor {

  private boolean generated;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("com.acme.MakeMoney");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (!annotations.isEmpty() && !generated) {
      generated = true;
      try (Writer out = processingEnv.getFiler().createSourceFile("com.acme.money.Money").openWriter()) {
        out.write("""
            package com.acme.money;
            public final class Money {
              public final long cents;
              public Money(long cents) { this.cents = cents; }
            }
            """);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return false;
  }
}
