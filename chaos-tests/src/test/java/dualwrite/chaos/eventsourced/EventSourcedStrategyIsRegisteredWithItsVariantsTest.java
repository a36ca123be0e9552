package dualwrite.chaos.eventsourced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dualwrite.bank.spi.DualWriteStrategy;
import dualwrite.bank.spi.Variant;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Checks what the harness sees of the strategy through the SPI alone. */
class EventSourcedStrategyIsRegisteredWithItsVariantsTest {

  @Test
  void theHarnessFindsTheStrategyWithTheLogRelayFirst() {
    DualWriteStrategy strategy =
        ServiceLoader.load(DualWriteStrategy.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(s -> s.name().equals("event-sourced"))
            .findFirst()
            .orElse(null);

    assertThat(strategy).as("the ServiceLoader finds the event-sourced strategy").isNotNull();
    assertThat(strategy.variants())
        .as("the gap-safe log relay comes first and is a fix; the naive cursor is a foil")
        .extracting(Variant::name, Variant::fix)
        .containsExactly(tuple("log-relay", true), tuple("naive-cursor", false));
    assertThat(strategy.migrations(strategy.variant("naive-cursor")))
        .as("both variants share the strategy's own schema, not bank-core's")
        .containsExactly("classpath:db/eventsourced");
  }
}
