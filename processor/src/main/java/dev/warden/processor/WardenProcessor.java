package dev.warden.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import dev.warden.runtime.rules.GuardKind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
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
 * <p>Claims nothing: {@link #process} returns {@code false}, so other processors still see the
 * Warden annotations. A type whose guarded signatures mention a type that does not exist yet (one
 * another processor may generate) waits for a later round; only in the last round is it an
 * error. An unexpected exception while processing a type becomes an error on that type.
 *
 * <p>Registered through {@code META-INF/services}; the compiler creates one instance per
 * compilation and calls it from one thread. Keeps across rounds only the names of the types
 * still waiting and of the wrappers written. Not for application code: only the compiler uses it.
 */
@AutoService(Processor.class)
public final class WardenProcessor extends AbstractProcessor {

  private final Consumer<TypeElement> beforeEachType;
  private final Set<String> waiting = new LinkedHashSet<>();
  private final Set<String> written = new HashSet<>();

  /** Creates the processor; the compiler initializes it with {@link #init}. */
  public WardenProcessor() {
    this(type -> { });
  }

  /** Test hook: {@code beforeEachType} runs before each type is processed (and may throw). */
  WardenProcessor(Consumer<TypeElement> beforeEachType) {
    this.beforeEachType = beforeEachType;
  }

  /**
   * The three Warden annotations, and nothing else: not {@code *}, not the {@code @Generated}
   * the wrappers carry.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    Set<String> names = new LinkedHashSet<>();
    for (GuardKind kind : GuardKind.values()) {
      names.add(kind.annotationName());
    }
    return names;
  }

  /** The latest source version of the running compiler: the processor reads no version-specific syntax. */
  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /**
   * Validates and wraps every type with a Warden annotation on itself or on one of its methods,
   * and the types that waited for a missing type in an earlier round.
   *
   * @return {@code false}: the annotations stay unclaimed for other processors
   */
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> types = new LinkedHashSet<>();
    for (String name : waiting) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        types.add(type);
      }
    }
    waiting.clear();
    for (TypeElement annotation : annotations) {
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        types.add(element instanceof TypeElement type ? type : (TypeElement) element.getEnclosingElement());
      }
    }
    if (!types.isEmpty()) {
      new Round(round.processingOver()).process(types);
    }
    return false;
  }

  /** The work of one round; discarded at its end. */
  private final class Round {
    private final Reporter reporter = new Reporter(processingEnv.getMessager());
    private final Names names = new Names(processingEnv.getElementUtils());
    private final JavacModel model = new JavacModel(processingEnv.getElementUtils(), processingEnv.getTypeUtils());
    private final Scanner scanner = new Scanner(processingEnv.getElementUtils(), model);
    private final ValueValidator values = new ValueValidator(model, reporter);
    private final FallbackValidator fallbacks = new FallbackValidator(model, reporter);
    private final SharedNames sharedNames = new SharedNames(reporter);
    private final Wrappability wrappability = new Wrappability(reporter, processingEnv.getElementUtils(), processingEnv.getTypeUtils());
    private final WrapperGenerator generator =
        new WrapperGenerator(processingEnv.getElementUtils(), processingEnv.getTypeUtils());

    private final MissingTypes missingTypes = new MissingTypes(names);
    private final boolean last;

    Round(boolean last) {
      this.last = last;
    }

    void process(Set<TypeElement> types) {
      for (TypeElement type : types) {
        try {
          beforeEachType.accept(type);
          process(type);
        } catch (RuntimeException e) {
          StackTraceElement[] trace = e.getStackTrace();
          reporter.error(type, "The Warden processor failed on " + names.binary(type) + " and generated no wrapper"
              + " for it: " + e + (trace.length > 0 ? " at " + trace[0] : "") + ". Please report this.");
        }
      }
    }

    /** Waits (or, in the last round, reports) if a type is missing; else validates and generates. */
    private void process(TypeElement type) {
      Map<GuardKind, Declaration> onType = scanner.declarations(type);
      List<GuardedMethod> guarded = scanner.scan(type, onType);
      List<GuardedMethod> all = new ArrayList<>(guarded);
      all.addAll(scanner.inherited(type));
      Optional<MissingTypes.Problem> missing = missingTypes.find(type, onType.values(), all);
      if (missing.isPresent()) {
        if (last) {
          report(missing.get());
        } else {
          waiting.add(type.getQualifiedName().toString());
        }
        return;
      }
      int errorsBefore = reporter.errors();
      onType.values().forEach(values::validate);
      for (GuardedMethod g : guarded) {
        String where = names.method(g.method());
        values.validateReturnType(g);
        for (Declaration d : g.declarations()) {
          if (d.owner().equals(g.method())) {
            values.validate(d);
          }
          fallbacks.validate(g, d);
          sharedNames.check(d, where);
        }
      }
      List<GuardedMethod> wrappable = wrappability.wrappable(type, all, names);
      if (!wrappable.isEmpty() && reporter.errors() == errorsBefore
          && written.add(type.getQualifiedName().toString())) {
        write(type, generator.generate(type, wrappable));
      }
    }

    private void report(MissingTypes.Problem problem) {
      if (problem.declaration() != null) {
        reporter.error(problem.declaration(), problem.attribute(), problem.message());
      } else {
        reporter.error(problem.element(), problem.message());
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
