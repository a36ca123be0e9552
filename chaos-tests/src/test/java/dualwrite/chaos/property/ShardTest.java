package dualwrite.chaos.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShardTest {

  @Test
  void theSlicesOfOneSeedAreDisjointCoverEveryScenarioAndAreEven() {
    int count = 1000;
    int machines = 7;
    List<Integer> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int k = 1; k <= machines; k++) {
      Shard shard = Shard.parse(k + "/" + machines);
      List<Integer> slice = IntStream.range(0, count).filter(shard::takes).boxed().toList();
      seen.addAll(slice);
      sizes.add(slice.size());
    }
    assertThat(seen).as("every scenario once").hasSize(count).doesNotHaveDuplicates();
    assertThat(sizes).as("no slice more than one longer than another").allMatch(n -> n >= 142);
    assertThat(sizes).allMatch(n -> n <= 143);
  }

  @Test
  void theWholeTakesEverything() {
    assertThat(IntStream.range(0, 50).allMatch(Shard.ALL::takes)).isTrue();
    assertThat(Shard.parse(" 1 / 1 ")).isEqualTo(Shard.ALL);
  }

  @Test
  void aShardThatIsNotKOfNIsRefusedWithWhatOneLooksLike() {
    for (String bad : List.of("0/4", "5/4", "1/0", "-1/2", "2", "a/b", "1/2/3", "")) {
      assertThatThrownBy(() -> Shard.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a shard is K/N");
    }
  }

  @Test
  void aShardWithARandomSeedIsRefusedSinceTheMachinesWouldNotShareTheScenarios() {
    String seed = System.getProperty("lab.seed");
    String shard = System.getProperty("lab.shard");
    try {
      System.setProperty("lab.seed", "random");
      System.setProperty("lab.shard", "2/4");
      assertThatThrownBy(() -> GenerationSettings.fromSystemProperties(100))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("needs one seed shared by every shard");
      System.setProperty("lab.seed", "42");
      assertThat(GenerationSettings.fromSystemProperties(100).shard()).isEqualTo(new Shard(2, 4));
    } finally {
      restore("lab.seed", seed);
      restore("lab.shard", shard);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
