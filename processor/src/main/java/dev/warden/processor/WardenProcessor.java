package dev.warden.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The Warden annotation processor: for every type declaring methods guarded with
 * {@code @Throttled}, {@code @Breaker} or {@code @CountCalls}, validates the annotations (values,
 * fallbacks, shared names) and generates a {@code Guarded…} wrapper that calls the Warden runtime
 * around each guarded method. Methods a subclass cannot override get a warning: only the agent
 * can guard them.
 *
 * <p>Registered through {@code META-INF/services}; the compiler creates one instance per
 * compilation and calls it from one thread. Keeps no state across rounds.
 */
@AutoService(Processor.class)
public final class WardenProcessor extends AbstractProcessor {

  private static final String GENERATED = "javax.annotation.processing.Generated";

  /** Creates the processor; the compiler initializes it with {@link #init}. */
  public WardenProcessor() {}

  /**
   * The three Warden annotations, which this processor claims, and {@code @Generated}: the
   * wrappers carry it, and unless a processor claims it the next round would draw a {@code
   * [processing]} warning ("No processor claimed any of these annotations") under {@code
   * -Xlint:all}.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> names = new LinkedHashSet<>();
    for (GuardKind kind : GuardKind.values()) {
      names.add(kind.annotationName());
    }
    names.add(GENERATED);
    return names;
  }

  /** The latest source version of the running compiler: the processor reads no version-specific syntax. */
  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /** Validates and wraps every type with a Warden annotation on itself or on one of its methods. */
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> types = new LinkedHashSet<>();
    for (TypeElement annotation : annotations) {
      if (annotation.getQualifiedName().contentEquals(GENERATED)) {
        continue;
      }
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        types.add(element instanceof TypeElement type ? type : (TypeElement) element.getEnclosingElement());
      }
    }
    if (!types.isEmpty()) {
      new Round().process(types);
    }
    return true;
  }

  /** The work of one round; discarded at its end. */
  private final class Round {
    private final Reporter reporter = new Reporter(processingEnv.getMessager());
    private final Names names = new Names(processingEnv.getElementUtils());
    private final Scanner scanner = new Scanner(processingEnv.getElementUtils());
    private final ValueValidator values = new ValueValidator(reporter);
    private final FallbackValidator fallbacks = new FallbackValidator(processingEnv.getTypeUtils(), reporter);
    private final SharedNames sharedNames = new SharedNames(reporter);
    private final Wrappability wrappability = new Wrappability(reporter);
    private final WrapperGenerator generator =
        new WrapperGenerator(processingEnv.getElementUtils(), processingEnv.getTypeUtils());

    void process(Set<TypeElement> types) {
      for (TypeElement type : types) {
        int errorsBefore = reporter.errors();
        Map<GuardKind, Declaration> onType = scanner.declarations(type);
        onType.values().forEach(d -> values.validate(d, names.binary(type)));
        List<GuardedMethod> guarded = scanner.scan(type, onType);
        for (GuardedMethod g : guarded) {
          String where = names.method(g.method());
          for (Declaration d : g.declarations()) {
            if (d.owner().equals(g.method())) {
              values.validate(d, where);
            }
            fallbacks.validate(g, d, where);
            sharedNames.check(d, where);
          }
        }
        List<GuardedMethod> all = new ArrayList<>(guarded);
        all.addAll(scanner.inherited(type));
        List<GuardedMethod> wrappable = wrappability.wrappable(type, all, names);
        if (!wrappable.isEmpty() && reporter.errors() == errorsBefore) {
          write(type, generator.generate(type, wrappable));
        }
      }
    }

    private void write(TypeElement type, JavaFile file) {
      try {
        file.writeTo(processingEnv.getFiler());
      } catch (IOException e) {
        reporter.error(type, "Cannot write " + file.packageName() + "." + file.typeSpec().name() + ": " + e.getMessage());
      }
    }
  }
}
