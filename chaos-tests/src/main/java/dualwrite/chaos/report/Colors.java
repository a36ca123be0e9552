package dualwrite.chaos.report;

/** The legend's colours, the same as the chart's. */
record Colors(
    String ok,
    String fail,
    String info,
    String pending,
    String network,
    String service,
    String server,
    String committed,
    String published,
    String checked) {
  Colors() {
    this(
        Charts.css(Charts.OK),
        Charts.css(Charts.FAIL),
        Charts.css(Charts.INFO),
        Charts.css(Charts.PENDING),
        Charts.css(Charts.NETWORK_FAULT),
        Charts.css(Charts.SERVICE_DOWN),
        Charts.css(Charts.SERVER_DOWN),
        Charts.css(Charts.COMMITTED),
        Charts.css(Charts.PUBLISHED),
        Charts.css(Charts.CHECKED));
  }
}
