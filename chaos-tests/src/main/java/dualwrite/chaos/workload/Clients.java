package dualwrite.chaos.workload;

import dualwrite.bank.Bank;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.TransactionRequest;
import dualwrite.chaos.history.History;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.scenario.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bank's clients. Each client sends its requests one after another, as a person at a counter
 * would; different clients send at the same time. Every request goes into the history as an invoke,
 * then ok (recorded), fail (the bank said no) or info (the client cannot know).
 */
public final class Clients implements AutoCloseable {

  /** The currency of every transaction in the lab. */
  public static final String CURRENCY = "EUR";

  private final Bank bank;
  private final History history;
  private final List<ExecutorService> clients = new ArrayList<>();
  private final List<Future<?>> pending = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private static final int PRUNE_AT = 1_000;

  public Clients(int count, Bank bank, History history) {
    this.bank = bank;
    this.history = history;
    for (int i = 0; i < count; i++) {
      int id = i;
      clients.add(
          Executors.newSingleThreadExecutor(
              task -> {
                Thread thread = new Thread(task, "client-" + id);
                thread.setDaemon(true);
                return thread;
              }));
    }
  }

  /** Hands a request to its client, which sends it when it has finished the ones before. */
  public synchronized void submit(Step.Record record) {
    if (pending.size() >= PRUNE_AT) {
      // a long run (the live lab's) would otherwise keep every answered request's future
      pending.removeIf(Future::isDone);
    }
    inFlight.incrementAndGet();
    pending.add(
        clients
            .get(record.client())
            .submit(
                () -> {
                  try {
                    send(record);
                  } finally {
                    inFlight.decrementAndGet();
                  }
                }));
  }

  /** Requests submitted and not answered yet, queued ones included. */
  public int inFlight() {
    return inFlight.get();
  }

  private void send(Step.Record record) {
    TransactionRequest request =
        new TransactionRequest(
            UUID.randomUUID(), record.account(), record.type(), record.amountMinor(), CURRENCY);
    String process = Integer.toString(record.client());
    String value = request.describe();
    history.add(process, Op.Type.INVOKE, "record", value, request.transactionId(), null);
    try {
      bank.record(request);
      history.add(process, Op.Type.OK, "record", value, request.transactionId(), null);
    } catch (TransactionFailed e) {
      history.add(process, Op.Type.FAIL, "record", value, request.transactionId(), e.getMessage());
    } catch (RuntimeException | Error e) {
      // a timeout, a reset connection, a bank that died mid-call: the outcome is unknown
      history.add(process, Op.Type.INFO, "record", value, request.transactionId(), e.toString());
    }
  }

  /**
   * Waits until every request sent so far has its answer.
   *
   * @return false when {@code atMost} passed first
   */
  public boolean awaitIdle(Duration atMost) {
    List<Future<?>> waiting;
    synchronized (this) {
      waiting = new ArrayList<>(pending);
    }
    long deadline = System.nanoTime() + atMost.toNanos();
    for (Future<?> request : waiting) {
      try {
        request.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return false;
      } catch (ExecutionException e) {
        // send() records every outcome itself; nothing escapes it
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    synchronized (this) {
      pending.removeAll(waiting);
    }
    return true;
  }

  @Override
  public void close() {
    clients.forEach(ExecutorService::shutdownNow);
  }
}
