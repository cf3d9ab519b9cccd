package id.satunik.cli;

import id.satunik.cluster.ClusterMember;
import id.satunik.cluster.ClusterOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code satunik member}: runs a cluster member (its shards in --store) until the process is stopped.
 * One instance per invocation.
 */
@Command(name = "member", sortOptions = false,
        description = "Runs a SatuNIK cluster member (Hazelcast): its shards of the gallery live in --store. "
                + "Runs until stopped (Ctrl-C or SIGTERM leave the cluster cleanly).")
final class MemberCommand implements Callable<Integer> {
    @Option(names = "--store", paramLabel = "DIR", required = true, description = "This member's shard folders.")
    Path store;

    @Option(names = "--cluster", paramLabel = "NAME", required = true, description = "The cluster's name.")
    String cluster;

    @Option(names = "--join", paramLabel = "HOST:PORT,...", required = true,
            description = "Members to join (TCP-IP; multicast is never used), this one's address included.")
    String join;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Interface to bind. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "5701", description = "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "71",
            description = "Shards of the gallery, the same on every member. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--threads", paramLabel = "N", description = "Search and extraction threads. Default: all cores.")
    Integer threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ClusterOptions options = new ClusterOptions(cluster, host, port, ClusterOptions.of(cluster, join).join(),
                partitions, threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                ClusterOptions.DEFAULT_SHARD_CAPACITY);
        ClusterMember member;
        try {
            member = ClusterMember.start(options, store);
        } catch (RuntimeException e) {
            throw new CliFailure("cannot start member: " + Problems.message(e), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            member.close();
            stopped.countDown();
        }));
        spec.commandLine().getOut().println("member " + member.address() + " of cluster " + cluster
                + " running; shards in " + store);
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
