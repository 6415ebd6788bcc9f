package io.supertonic.cli.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Runs a plan of requests against a driver: closed loop (N clients, each sending its next request
 * when the previous one ends) or open loop (Poisson arrivals at a fixed rate, each request on its
 * own thread, timed from its scheduled arrival so a slow server cannot slow the arrivals down).
 */
public final class LoadRunner {
  /** The results in plan order and the wall time from the first send to the last answer. */
  public record Phase(List<RequestResult> results, double wallSeconds) {}

  private final SpeechDriver driver;
  private final Consumer<RequestResult> onDone;

  /**
   * @param onDone called once per finished request, from the request's thread
   */
  public LoadRunner(SpeechDriver driver, Consumer<RequestResult> onDone) {
    this.driver = driver;
    this.onDone = onDone;
  }

  public Phase closedLoop(List<Corpus.Entry> plan, int clients) throws InterruptedException {
    RequestResult[] results = new RequestResult[plan.size()];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients, LoadRunner::daemon);
    long start = System.nanoTime();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < plan.size();
                      i = next.getAndIncrement()) {
                    results[i] = driver.send(i, plan.get(i), System.nanoTime());
                    onDone.accept(results[i]);
                  }
                }));
      }
      awaitAll(workers);
    } finally {
      pool.shutdownNow();
    }
    return new Phase(List.of(results), (System.nanoTime() - start) / 1e9);
  }

  /**
   * @param rate mean arrivals per second; inter-arrival times are exponential, seeded
   */
  public Phase openLoop(List<Corpus.Entry> plan, double rate, long seed)
      throws InterruptedException {
    RequestResult[] results = new RequestResult[plan.size()];
    ExecutorService pool = Executors.newCachedThreadPool(LoadRunner::daemon);
    Random random = new Random(seed);
    long start = System.nanoTime();
    try {
      List<Future<?>> requests = new ArrayList<>();
      double at = 0;
      for (int i = 0; i < plan.size(); i++) {
        long arrival = start + (long) (at * 1e9);
        long wait;
        while ((wait = arrival - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
          if (Thread.interrupted()) {
            throw new InterruptedException();
          }
        }
        int index = i;
        requests.add(
            pool.submit(
                () -> {
                  results[index] = driver.send(index, plan.get(index), arrival);
                  onDone.accept(results[index]);
                }));
        at += -Math.log(1 - random.nextDouble()) / rate;
      }
      awaitAll(requests);
    } finally {
      pool.shutdownNow();
    }
    return new Phase(
        Collections.unmodifiableList(List.of(results)), (System.nanoTime() - start) / 1e9);
  }

  private static void awaitAll(List<Future<?>> futures) throws InterruptedException {
    for (Future<?> f : futures) {
      try {
        // Each request is bounded by its own timeout; this only guards against a stuck driver.
        f.get(1, TimeUnit.DAYS);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("a load client failed: " + e.getCause(), e.getCause());
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("a load client never finished", e);
      }
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "bench-load-client");
    t.setDaemon(true);
    return t;
  }
}
