package dev.warden.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * The control of {@link CompileCost}: a processor that does the least a generating processor can
 * do for the {@link SourceTree} classes. For each class with a Warden-annotated method it writes an
 * empty {@code Guarded…} subclass (constructor only), with no validation and no JavaPoet; what it
 * costs is javac's own price for a processor that generates sources (an extra round).
 *
 * <p>Used with {@code -processor dev.warden.benchmarks.ControlProcessor}; not registered as a
 * service. Not thread-safe (javac calls it from one thread).
 */
public final class ControlProcessor extends AbstractProcessor {

  /** Creates the processor (javac instantiates it). */
  public ControlProcessor() {}

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of("dev.warden.annotations.*");
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> types = new LinkedHashSet<>();
    for (TypeElement annotation : annotations) {
      for (Element method : round.getElementsAnnotatedWith(annotation)) {
        types.add((TypeElement) method.getEnclosingElement());
      }
    }
    for (TypeElement type : types) {
      write(type);
    }
    return false;
  }

  private void write(TypeElement type) {
    String pkg = ((PackageElement) type.getEnclosingElement()).getQualifiedName().toString();
    String name = "Guarded" + type.getSimpleName();
    try (Writer out = processingEnv.getFiler().createSourceFile(pkg + "." + name, type).openWriter()) {
      out.write("package " + pkg + ";\n\n"
          + "public class " + name + " extends " + type.getSimpleName() + " {\n"
          + "  public " + name + "(java.util.List<String> names) {\n"
          + "    super(names);\n"
          + "  }\n"
          + "}\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
