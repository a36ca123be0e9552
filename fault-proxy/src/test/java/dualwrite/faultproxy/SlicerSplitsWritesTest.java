package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import org.junit.jupiter.api.Test;

class SlicerSplitsWritesTest extends ThroughAnEchoProxy {
  private static final int MESSAGE = 4_000;

  @Test
  void oneWriteArrivesAsManySmallReadsSpreadInTime() throws Exception {
    // 4000 bytes halved down to 100 or less: 64 slices of about 62 bytes, 2 ms apart.
    proxy.toxics().slicer("slices", ToxicDirection.DOWNSTREAM, 100, 2_000);
    try (TestClient client = fixture.connect(proxy)) {
      long sent = System.nanoTime();
      client.write(new byte[MESSAGE]);
      int reads = 0;
      int largest = 0;
      for (int received = 0; received < MESSAGE; reads++) {
        int n = client.readSome(MESSAGE).length;
        largest = Math.max(largest, n);
        received += n;
      }

      assertThat(reads).as("the write arrived in many reads").isGreaterThanOrEqualTo(10);
      assertThat(largest).as("none larger than a few slices").isLessThan(MESSAGE / 2);
      assertThat(Pace.millisSince(sent))
          .as("the slices were spread over about 64 x 2 ms")
          .isGreaterThan(100);
    }
  }

  @Test
  void withoutTheSlicerTheSameWriteArrivesInOneOrTwoReads() throws Exception {
    try (TestClient client = fixture.connect(proxy)) {
      client.write(new byte[MESSAGE]);
      int reads = 0;
      for (int received = 0; received < MESSAGE; reads++) {
        received += client.readSome(MESSAGE).length;
      }

      assertThat(reads)
          .as("the control: a plain proxy keeps the write whole")
          .isLessThanOrEqualTo(3);
    }
  }
}
