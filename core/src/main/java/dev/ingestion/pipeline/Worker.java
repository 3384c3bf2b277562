package dev.ingestion.pipeline;

import dev.ingestion.model.Job;
import dev.ingestion.model.ParserUnavailableException;
import dev.ingestion.store.JobQueue;
import dev.ingestion.store.WorkerRepository;
import dev.ingestion.store.WorkerRepository.WorkerRow;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of processing threads that claim jobs one at a time, plus a heartbeat that renews this
 * worker's leases and recovers jobs abandoned by dead workers. Stopping drains: no new claims, in-flight
 * documents get the shutdown grace ({@code pipeline.shutdown_grace}) to finish, anything still leased is
 * handed back to the queue without counting an attempt. A database outage is reported once when it
 * starts and once when it ends, whatever the number of threads waiting it out. So is an outage of the
 * parser processes (none can start): the job that met it goes back to the queue uncounted and the
 * threads back off and try again; {@link #parserStartFailures} lets a command give up instead.
 */
public final class Worker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Worker.class);

  /**
   * One job per claim: a claim counts the attempt, so a worker that dies never holds claimed jobs it had
   * not started (they would be charged an attempt they never had).
   */
  private static final int CLAIM_BATCH = 1;

  private final WorkerConfig config;
  private final JobQueue queue;
  private final WorkerRepository workers;
  private final DocumentProcessor processor;
  private final Clock clock;
  private final String id;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicInteger busy = new AtomicInteger();
  private final Object wakeUp = new Object();
  private final List<Thread> threads = new ArrayList<>();
  /** Jobs claimed by this worker and not yet finished: the only leases the heartbeat renews. */
  private final java.util.Set<Long> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Jobs whose outcome could not be recorded (the database went away): handed back once it is back. */
  private final java.util.Set<Long> unrecorded = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile ScheduledExecutorService heartbeat;
  private final OutageLog outage = new OutageLog(LOG, "worker");
  private final OutageLog parsing = new OutageLog(LOG, "worker", "parsing");
  /** Parser start failures since a document last went through processing, and the last one's reason. */
  private final AtomicInteger parserFailures = new AtomicInteger();
  private volatile String parserFailure;

  public Worker(WorkerConfig config, JobQueue queue, WorkerRepository workers, DocumentProcessor processor, Clock clock) {
    this.config = config;
    this.queue = queue;
    this.workers = workers;
    this.processor = processor;
    this.clock = clock;
    this.id = hostName() + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
  }

  public String id() {
    return id;
  }

  public int busyThreads() {
    return busy.get();
  }

  public void start() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    Instant now = clock.instant();
    workers.register(new WorkerRow(id, config.kind(), hostName(), ProcessHandle.current().pid(),
        ProcessHandle.current().info().startInstant().orElse(null), config.concurrency(), now, now));
    recoverAbandoned();
    heartbeat = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("heartbeat").unstarted(r));
    long every = config.heartbeat().toMillis();
    heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    for (int i = 0; i < config.concurrency(); i++) {
      Thread t = Thread.ofPlatform().name("worker-" + i).start(this::loop);
      threads.add(t);
    }
    LOG.info("worker {} started with {} threads", id, config.concurrency());
  }

  /** Tells idle threads that new work was queued. */
  public void wake() {
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
  }

  /**
   * Claims a job, processes it, and again, until stopped; errors back off and never end the loop. A job
   * that completes claims the next one in its own transaction (one commit per document instead of two);
   * otherwise the loop claims.
   */
  private void loop() {
    int failures = 0;
    Job next = null;
    while (running.get()) {
      List<Job> jobs = List.of();
      try {
        handBackUnrecorded();
        if (next != null) {
          jobs = List.of(next);
          next = null;
        } else {
          jobs = queue.claim(id, CLAIM_BATCH, config.lease());
        }
        jobs.forEach(j -> held.add(j.id()));
        failures = 0;
        outage.recovered();
        if (jobs.isEmpty()) {
          idle();
          continue;
        }
        for (Job job : jobs) {
          if (!running.get()) {
            break;
          }
          busy.incrementAndGet();
          try {
            // A job claimed while stopping stays leased to this worker: close() hands it back uncounted.
            next = processor.process(job, id, running.get() ? config.lease() : null);
            if (next != null) {
              held.add(next.id());
            }
            parserFailures.set(0);
            parsing.recovered();
          } finally {
            held.remove(job.id());
            busy.decrementAndGet();
          }
        }
      } catch (Throwable t) {
        // The loop never dies: a database outage or a bug in one document must not stop the worker.
        // Back off exponentially (0.5 s doubling to 30 s) while the failures last.
        failures++;
        jobs.forEach(j -> held.remove(j.id()));
        if (t instanceof ParserUnavailableException p) {
          parserUnavailable(jobs, p);
        } else if (t instanceof dev.ingestion.model.StoreException) {
          jobs.forEach(j -> unrecorded.add(j.id()));
          outage.failed(t);
        } else {
          LOG.error("worker loop error #{} (continuing): {}", failures, t.toString(), failures == 1 ? t : null);
        }
        pause(Duration.ofMillis(Math.min(30_000, 500L << Math.min(6, failures - 1))));
      }
    }
  }

  /**
   * No parser process could start for this job: it goes back to the queue now, uncounted (through the
   * database outage path if the database is gone too), and the outage is said once.
   */
  private void parserUnavailable(List<Job> jobs, ParserUnavailableException e) {
    parserFailure = e.getMessage();
    parserFailures.incrementAndGet();
    parsing.failed(e);
    List<Long> ids = jobs.stream().map(Job::id).toList();
    try {
      queue.release(id, ids);
    } catch (dev.ingestion.model.StoreException s) {
      unrecorded.addAll(ids);
      outage.failed(s);
    }
  }

  /**
   * How many times in a row a parser process failed to start, with no document processed in between (0
   * while parsing works).
   */
  public int parserStartFailures() {
    return parserFailures.get();
  }

  /** Started and closed since: its state no longer says anything about this process. */
  public boolean stopped() {
    return heartbeat != null && heartbeat.isShutdown();
  }

  /**
   * Why no parser process can start, while that lasts (the last failure's reason, since a document last
   * went through processing); empty while parsing works.
   */
  public Optional<String> parsingUnavailable() {
    return parserFailures.get() > 0 ? Optional.ofNullable(parserFailure) : Optional.empty();
  }

  /** The database is back: jobs whose outcome was lost with it go back to the queue, uncounted. */
  private void handBackUnrecorded() {
    if (unrecorded.isEmpty()) {
      return;
    }
    List<Long> ids = List.copyOf(unrecorded);
    int n = queue.release(id, ids);
    unrecorded.removeAll(ids);
    if (n > 0) {
      LOG.info("{} job(s) whose outcome was lost in the database outage went back to the queue", n);
    }
  }

  private void idle() {
    synchronized (wakeUp) {
      if (!running.get()) {
        return;
      }
      try {
        wakeUp.wait(config.pollInterval().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void beat() {
    try {
      queue.heartbeat(id, config.lease(), List.copyOf(held));
      workers.heartbeat(id);
      recoverAbandoned();
    } catch (Throwable t) {
      if (t instanceof dev.ingestion.model.StoreException) {
        outage.failed(t);
      } else {
        LOG.warn("heartbeat failed (will retry): {}", t.toString());
      }
    }
  }

  /** Requeues jobs of expired leases, and at once those of workers on this host whose process is gone. */
  private void recoverAbandoned() {
    List<String> dead = new ArrayList<>();
    for (WorkerRow w : workers.runningOnHost(hostName(), id)) {
      if (!isAlive(w)) {
        dead.add(w.id());
        workers.stopped(w.id());
      }
    }
    int recovered = queue.recoverAbandoned(dead);
    if (recovered > 0) {
      LOG.warn("recovered {} job(s) whose lease expired or whose worker stopped {}", recovered, dead);
      wake();
    }
  }

  private static boolean isAlive(WorkerRow w) {
    return ProcessHandle.of(w.pid())
        .filter(ProcessHandle::isAlive)
        .map(p -> w.processStartedAt() == null || sameSecond(p.info().startInstant().orElse(null), w.processStartedAt()))
        .orElse(false);
  }

  private static boolean sameSecond(Instant a, Instant b) {
    return a == null || Math.abs(a.getEpochSecond() - b.getEpochSecond()) <= 1;
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  /** Stops claiming: running documents go on, idle threads leave. The first step of {@link #close}. */
  public void stopClaiming() {
    running.set(false);
    wake();
  }

  /** Drains for the configured grace and stops; safe to call more than once. */
  @Override
  public void close() {
    close(config.drainTimeout());
  }

  /**
   * Stops claiming, lets running documents finish within {@code grace}, interrupts what is still running,
   * and hands every job this worker still leases back to the queue without counting an attempt (a job
   * whose result lands after that is fenced out by its lease). Returns how many jobs were handed back.
   * Safe to call more than once.
   */
  public synchronized int close(Duration grace) {
    if (heartbeat == null || heartbeat.isShutdown()) {
      return 0;
    }
    stopClaiming();
    long deadline = System.nanoTime() + grace.toNanos();
    for (Thread t : threads) {
      long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      try {
        t.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
    heartbeat.shutdownNow();
    int released = releaseAll();
    LOG.info("worker {} stopped; {} unfinished job(s) handed back to the queue", id, released);
    return released;
  }

  /** Hands back what is still leased, waiting out a database outage for a while rather than losing track. */
  private int releaseAll() {
    for (int tries = 1; ; tries++) {
      try {
        int released = queue.release(id);
        workers.stopped(id);
        return released;
      } catch (dev.ingestion.model.StoreException e) {
        if (tries == 5) {
          LOG.warn("could not hand jobs back ({}); their leases expire and the queue recovers them", e.getMessage());
          return 0;
        }
        pause(Duration.ofMillis(500L * tries));
      }
    }
  }
}
