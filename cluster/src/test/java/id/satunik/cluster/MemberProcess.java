package id.satunik.cluster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A cluster member in its own JVM (this test's class path and JVM flags), its output in a log file. */
final class MemberProcess {
    private final Path store;
    private final Path log;
    private final List<String> command;
    private final int port;
    private Process process;

    MemberProcess(Path store, String cluster, int port, String join, int partitions) {
        this(store, cluster, port, join, partitions, "600m", 2, 200);
    }

    /** A member with its own heap, worker threads (search and extraction) and persons per shard. */
    MemberProcess(Path store, String cluster, int port, String join, int partitions, String heap, int threads,
                  long shardCapacity) {
        this.store = store;
        this.port = port;
        this.log = store.resolveSibling(store.getFileName() + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("--enable-native") || arg.startsWith("--sun-misc")
                    || arg.startsWith("-Dchronicle")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                ClusterMember.class.getName(), "--store", store.toString(), "--cluster", cluster,
                "--port", Integer.toString(port), "--join", join, "--partitions", Integer.toString(partitions),
                "--threads", Integer.toString(threads), "--shard-capacity", Long.toString(shardCapacity)));
        this.command = List.copyOf(cmd);
    }

    /** Hazelcast's name for this member: {@code [127.0.0.1]:port}. */
    String address() {
        return "[127.0.0.1]:" + port;
    }

    void start() throws IOException {
        Files.deleteIfExists(log);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits for the member's ready line. */
    void awaitReady(long millis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("MEMBER READY")) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("member exited: " + tail());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("member not ready in " + millis + " ms: " + tail());
    }

    /** kill -9: no shutdown hook, no goodbye to the cluster. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    String tail() {
        try {
            String text = Files.exists(log) ? Files.readString(log) : "(no log)";
            return text.substring(Math.max(0, text.length() - 3000));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }
}
