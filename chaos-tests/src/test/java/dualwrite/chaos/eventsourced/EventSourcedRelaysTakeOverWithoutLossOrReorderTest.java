package dualwrite.chaos.eventsourced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dualwrite.bank.Component;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.TransactionType;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import dualwrite.eventsourced.EventSourcedCrashPoints;
import eu.rekawek.toxiproxy.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Three relays, one active at a time, while a writer keeps recording: the active one dies at each
 * crash point, is killed outright, and loses its database link; a standby takes over every time.
 */
class EventSourcedRelaysTakeOverWithoutLossOrReorderTest {

  private static final List<String> RELAYS = List.of("relay-1", "relay-2", "relay-3");
  private static final int MAX_WRITES = 3000;
  private static final Duration TAKEOVER = Duration.ofSeconds(15);

  @Test
  void threeRelaysThroughCrashesAndTakeoversLoseAndReorderNothing() throws Exception {
    try (EventSourcedRun lab = EventSourcedRun.start("log-relay", RELAYS.size())) {
      List<String> leaders = new ArrayList<>(); // who led, in turn
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicInteger written = new AtomicInteger();
      ExecutorService writer = Executors.newSingleThreadExecutor();
      try {
        Future<?> writes =
            writer.submit(
                () -> {
                  for (int i = 0; writing.get() && i < MAX_WRITES; i++) {
                    lab.bank().record(request("acct-" + (1 + i % 5)));
                    written.incrementAndGet();
                  }
                  return null;
                });
        String first = awaitLeader(lab, null);
        leaders.add(first);

        // 1. The leader dies after publishing, before saving its position.
        lab.crashes.arm(EventSourcedCrashPoints.AFTER_PUBLISH, 1);
        lab.bank().record(request("acct-1")); // a batch to publish, however far the writer got
        await().atMost(TAKEOVER).until(() -> !lab.service(first).isUp());
        String second = awaitLeader(lab, first);
        leaders.add(second);
        lab.service(first).start();

        // 2. The new leader is killed outright, wherever it is.
        lab.service(second).crash();
        String third = awaitLeader(lab, second);
        leaders.add(third);
        lab.service(second).start();

        // 3. Every relay loses its database link: every session, and so the lock, is gone.
        Proxy postgres = lab.env.proxy(Link.of(Component.RELAY, Server.POSTGRES));
        try {
          postgres.disable();
          await().atMost(TAKEOVER).until(() -> lab.leader() == null);
        } finally {
          postgres.enable();
        }
        leaders.add(awaitLeader(lab, null));

        // 4. With every relay down, a burst waits; the first to start dies mid-batch.
        writing.set(false);
        writes.get(30, TimeUnit.SECONDS);
        RELAYS.forEach(name -> lab.service(name).crash());
        for (int i = 0; i < 30; i++) {
          lab.bank().record(request("acct-" + (1 + i % 5)));
        }
        lab.crashes.arm(EventSourcedCrashPoints.MID_BATCH, 1);
        RELAYS.forEach(name -> lab.service(name).start());
        await().atMost(TAKEOVER).until(() -> lab.fired.contains(EventSourcedCrashPoints.MID_BATCH));
        leaders.add(awaitLeader(lab, null));
        RELAYS.forEach(name -> lab.service(name).start()); // brings back the one that died
      } finally {
        writing.set(false);
        writer.shutdownNow();
        lab.env.toxiproxy().reset();
      }

      Deliveries delivered = lab.awaitEverythingDelivered(Duration.ofSeconds(30));
      assertThat(lab.fired)
          .as("the relays died at both crash points")
          .contains(EventSourcedCrashPoints.AFTER_PUBLISH, EventSourcedCrashPoints.MID_BATCH);
      assertThat(written.get()).as("the writer kept recording through the takeovers").isPositive();
      assertThat(delivered.lost(lab.committed())).as("no committed transaction is lost").isEmpty();
      assertThat(delivered.phantoms(lab.committed())).as("no event is a phantom").isEmpty();
      assertThat(delivered.orderViolations())
          .as("each account's events are first delivered in version order")
          .isEmpty();
      assertThat(leaders)
          .as("a standby took over after each of the four failures of the leader")
          .hasSize(5)
          .containsAnyElementsOf(RELAYS);
    }
  }

  /** Waits until one relay other than {@code previous} holds the lock, and returns its name. */
  private static String awaitLeader(EventSourcedRun lab, String previous) {
    return await()
        .atMost(TAKEOVER)
        .until(lab::leader, leader -> leader != null && !Objects.equals(leader, previous));
  }

  private static TransactionRequest request(String account) {
    return TransactionRequest.of(account, TransactionType.PURCHASE, 120, "EUR");
  }
}
