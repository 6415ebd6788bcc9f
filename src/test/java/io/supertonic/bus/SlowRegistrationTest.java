package io.supertonic.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.hazelcast.config.Config;
import io.supertonic.engine.EngineOptions;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.testing.TestServer;
import io.supertonic.worker.SynthesisWorkerVerticle;
import io.vertx.core.Completable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a loaded cluster, registering a job's control address (a Hazelcast write) can take seconds
 * before the worker can send the accept. A client that then keeps the protocol (a keep-alive every
 * second once it has the accept) must not be taken for a vanished one: the worker's 3 s client
 * liveness counts from the accept, not from admission. Here the worker node's registrations of
 * control addresses are held back {@value #REGISTRATION_DELAY_MS} ms, as a slow cluster would.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowRegistrationTest {
  private static final long REGISTRATION_DELAY_MS = 2_800;

  @TempDir Path dir;

  /** Hazelcast's cluster manager, with control-address registrations that complete late. */
  private static final class SlowControlRegistrations extends HazelcastClusterManager {
    SlowControlRegistrations(Config config) {
      super(config);
    }

    @Override
    public void addRegistration(
        String address, RegistrationInfo registrationInfo, Completable<Void> promise) {
      if (address.startsWith(Addresses.JOB_PREFIX)) {
        CompletableFuture.delayedExecutor(REGISTRATION_DELAY_MS, TimeUnit.MILLISECONDS)
            .execute(() -> super.addRegistration(address, registrationInfo, promise));
      } else {
        super.addRegistration(address, registrationInfo, promise);
      }
    }
  }

  @Test
  void aClientKeepingTheProtocolKeepsItsJobAfterASlowAccept() throws Exception {
    String cluster = "slow-registration-" + UUID.randomUUID();
    int clientPort = ClusteredBusConformanceTest.freePort();
    int workerPort = ClusteredBusConformanceTest.freePort();
    var starting =
        List.of(
            ClusteredBusConformanceTest.node(
                cluster, clientPort, workerPort, HazelcastClusterManager::new),
            ClusteredBusConformanceTest.node(
                cluster, workerPort, clientPort, SlowControlRegistrations::new));
    Vertx clientNode = starting.get(0).await(120, TimeUnit.SECONDS);
    Vertx workerNode = starting.get(1).await(120, TimeUnit.SECONDS);
    try (SupertonicEngine engine =
        SupertonicEngine.load(EngineOptions.cpu(TestServer.tinyModel(dir)))) {
      SynthesisWorkerVerticle worker = new SynthesisWorkerVerticle(engine);
      workerNode
          .deployVerticle(worker, new DeploymentOptions().setConfig(BusConformance.workerConfig()))
          .await(30, TimeUnit.SECONDS);
      RawJob job = new RawJob(clientNode);
      try {
        // Several chunks and one credit: the job stays held (owing audio) until we read on.
        job.send(
                BusConformance.worker(worker),
                BusConformance.rawRequest("A held job. It waits for its reader. ".repeat(8)))
            .get(20, TimeUnit.SECONDS);
        // Past the point where a liveness clock started at admission would have run out (the
        // registration alone took 2.8 s); only a cancellation would end the stream meanwhile.
        assertFalse(
            job.await(l -> l.stream().anyMatch(RawJob::isTerminal), 3_000),
            "the job ended while its client kept the protocol: " + job.types());
        job.control(new ControlMessage.Credit(100));
        assertEquals("end", job.terminal(20_000).getString("type"), job.types()::toString);
      } finally {
        job.close().await(5, TimeUnit.SECONDS);
      }
    } finally {
      workerNode.close().await(30, TimeUnit.SECONDS);
      clientNode.close().await(30, TimeUnit.SECONDS);
    }
  }
}
