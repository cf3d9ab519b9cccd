package id.satunik.index;

import java.util.ArrayList;
import java.util.List;

/**
 * The JVM flags the default engine needs, checked before a store is touched: Chronicle Map reaches into JDK
 * internals (opens and exports of {@code java.base} and {@code jdk.unsupported}, and {@code jdk.compiler} for the
 * code it compiles at run time), and the iris scan uses the incubating Vector API. Without them the JVM fails deep
 * inside Chronicle with an {@code InaccessibleObjectException} after the store's lock file is created; this check
 * fails first, listing exactly what is missing and where to add it.
 *
 * <p>The two Chronicle system properties that keep it from contacting outside hosts are set here when the caller
 * did not set them: a population database never phones home, flags or not.
 *
 * <p>Thread-safe: stateless (reads the boot layer; sets two system properties idempotently).
 */
final class JvmFlags {
    /** The flags, in the parent pom's {@code satunik.jvm.flags} order (that property is the source of truth). */
    static final List<String> REQUIRED = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-modules=jdk.compiler,jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-Dchronicle.analytics.disable=true",
            "-Dchronicle.announcer.disable=true");

    private JvmFlags() {
    }

    /**
     * @throws IllegalStateException listing the missing flags and how to pass them to java, Surefire and
     *                               exec-maven-plugin
     */
    static void check() {
        System.setProperty("chronicle.analytics.disable", System.getProperty("chronicle.analytics.disable", "true"));
        System.setProperty("chronicle.announcer.disable", System.getProperty("chronicle.announcer.disable", "true"));
        List<String> missing = missing(JvmFlags.class.getModule());
        if (!missing.isEmpty()) {
            throw new IllegalStateException(message(missing));
        }
    }

    /** The flags whose effect {@code caller} (the module Chronicle Map runs in, normally unnamed) does not see. */
    static List<String> missing(Module caller) {
        List<String> missing = new ArrayList<>();
        ModuleLayer boot = ModuleLayer.boot();
        Module base = Object.class.getModule();
        for (String pkg : List.of("java.lang", "java.lang.reflect", "java.nio", "sun.nio.ch")) {
            if (!base.isOpen(pkg, caller)) {
                missing.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
            }
        }
        for (String pkg : List.of("sun.nio.ch", "jdk.internal.ref", "jdk.internal.misc")) {
            if (!base.isExported(pkg, caller)) {
                missing.add("--add-exports=java.base/" + pkg + "=ALL-UNNAMED");
            }
        }
        boot.findModule("jdk.unsupported").filter(m -> !m.isExported("sun.misc", caller))
                .ifPresent(m -> missing.add("--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED"));
        List<String> modules = new ArrayList<>();
        for (String module : List.of("jdk.compiler", "jdk.incubator.vector")) {
            if (boot.findModule(module).isEmpty()) {
                modules.add(module);
            }
        }
        boot.findModule("jdk.compiler").filter(m -> !m.isExported("com.sun.tools.javac.file", caller))
                .ifPresent(m -> missing.add("--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED"));
        if (!modules.isEmpty()) {
            missing.add("--add-modules=" + String.join(",", modules));
        }
        return missing;
    }

    static String message(List<String> missing) {
        String all = String.join(" ", REQUIRED);
        return "SatuNIK's default engine needs JVM flags this JVM was started without: " + String.join(" ", missing)
                + ". Nothing was opened or written. Start the JVM with all of: " + all
                + " | java: java " + all + " -cp ... YourMain"
                + " | Maven Surefire: <argLine>" + all + "</argLine>"
                + " | exec-maven-plugin exec:exec: one <argument> per flag before <argument>-classpath</argument><classpath/>;"
                + " exec:java runs inside Maven's own JVM: put the flags in .mvn/jvm.config"
                + " | see the README, section JVM flags.";
    }
}
