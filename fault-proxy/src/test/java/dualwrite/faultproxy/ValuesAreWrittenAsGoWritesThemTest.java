package dualwrite.faultproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValuesAreWrittenAsGoWritesThemTest {

  @Test
  void toxicityIsAGoFloat32() {
    assertThat(ResponseJson.goFloat32(1f)).as("no .0").isEqualTo("1");
    assertThat(ResponseJson.goFloat32(0f)).as("zero").isEqualTo("0");
    assertThat(ResponseJson.goFloat32(0.5f)).as("a half").isEqualTo("0.5");
    assertThat(ResponseJson.goFloat32(0.1f)).as("the shortest form").isEqualTo("0.1");
    assertThat(ResponseJson.goFloat32(1e-7f)).as("small: exponent form").isEqualTo("1e-7");
    assertThat(ResponseJson.goFloat32(1e22f)).as("large: exponent form").isEqualTo("1e+22");
  }

  @Test
  void addressesParseAndPrintLikeGos() throws Exception {
    assertThat(HostPort.parse("127.0.0.1:8474"))
        .as("host and port")
        .isEqualTo(new HostPort("127.0.0.1", 8474));
    assertThat(HostPort.parse("[::1]:80"))
        .as("IPv6 in brackets")
        .isEqualTo(new HostPort("::1", 80));
    assertThat(HostPort.parse(":0")).as("no host").isEqualTo(new HostPort("", 0));
    assertThatThrownBy(() -> HostPort.parse("localhost"))
        .as("no port")
        .hasMessage("address localhost: missing port in address");
    assertThatThrownBy(() -> HostPort.parse("::1:80"))
        .as("IPv6 without brackets")
        .hasMessage("address ::1:80: too many colons in address");
    assertThat(HostPort.format(new InetSocketAddress(InetAddress.getByName("::1"), 80)))
        .as("IPv6 shortened and bracketed")
        .isEqualTo("[::1]:80");
    assertThat(HostPort.parse(":0").resolve().getAddress().isLoopbackAddress())
        .as("no host binds loopback")
        .isTrue();
  }

  @Test
  void slicesCoverTheChunkAndStayNearTheAverage() {
    Slicer slicer = new Slicer(100, 20, 0);
    List<Integer> slices = slicer.sliceLengths(4_000);

    assertThat(slices.stream().mapToInt(Integer::intValue).sum())
        .as("every byte once")
        .isEqualTo(4_000);
    assertThat(slices)
        .as("each about the average")
        .allSatisfy(n -> assertThat(n).isBetween(20, 120));
    assertThat(new Slicer(0, 0, 0).sliceLengths(5))
        .as("degenerate sizes give 1-byte slices instead of endless splitting")
        .containsExactly(1, 1, 1, 1, 1);
  }
}
