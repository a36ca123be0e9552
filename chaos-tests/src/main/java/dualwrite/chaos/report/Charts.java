package dualwrite.chaos.report;

import dualwrite.chaos.checker.Truth;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn by XChart and encoded as PNG {@code data:} URIs, so that a page
 * carries its pictures inside it.
 */
final class Charts {

  static final Color OK = new Color(0x2e7d32);
  static final Color FAIL = new Color(0xc62828);
  static final Color INFO = new Color(0xef8f00);
  static final Color PENDING = new Color(0x9e9e9e);
  static final Color NEMESIS = new Color(0x455a64);
  static final Color NETWORK_FAULT = new Color(229, 57, 53, 46);
  static final Color SERVICE_DOWN = new Color(142, 36, 170, 46);
  static final Color SERVER_DOWN = new Color(30, 136, 229, 46);
  static final Color COMMITTED = new Color(0x1565c0);
  static final Color PUBLISHED = new Color(0x8e24aa);
  static final Color CHECKED = new Color(0x2e7d32);

  private static final Color INK = new Color(0x263238);
  private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final double LEFT_ROOM = 0.07;
  private static final Color GRID = new Color(0xe0e0e0);
  static final int WIDTH = 1180;
  static final int HALF = 580;

  static {
    // Charts render in a build or a test, never on a screen.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    // ImageIO would otherwise buffer every PNG in a temporary file: slow with hundreds of charts
    ImageIO.setUseCache(false);
  }

  private Charts() {}

  /**
   * The operations of a run, Jepsen's way: a lane per process, each client operation a bar from
   * invoke to completion coloured by its outcome, fault windows shaded behind, crashes as lines.
   */
  static String timeline(Timeline timeline, double xMaxSeconds) {
    List<String> lanes = timeline.lanes();
    int n = lanes.size();
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(Math.max(170, 70 + 38 * n))
            .xAxisTitle("seconds since the run started")
            .build();
    style(chart.getStyler());
    chart.getStyler().setPlotGridHorizontalLinesVisible(false);
    timeAxis(chart, xMaxSeconds);
    chart.getStyler().setYAxisMin(-0.5).setYAxisMax(n - 0.5 + 0.55);
    List<String> names = laneNames(lanes);
    for (int lane = 0; lane < n; lane++) {
      chart.addAnnotation(
          new AnnotationText(names.get(lane), -LEFT_ROOM * xMaxSeconds / 2, lane, false));
    }
    shadeFaults(chart, timeline.faults(), -0.5, n - 0.5 + 0.55);
    labelFaults(chart, timeline.faults(), n - 0.5 + 0.3, xMaxSeconds);

    addSpans(chart, timeline, xMaxSeconds);

    double nemesisLane = n - 1;
    addPoints(chart, "steps", timeline.steps(), s -> !s.failed(), nemesisLane, NEMESIS);
    addPoints(chart, "failed steps", timeline.steps(), Timeline.Step::failed, nemesisLane, FAIL);
    for (FaultWindows.Crash crash : timeline.faults().crashes()) {
      double x = crash.atNanos() / 1e9;
      chart.addAnnotation(new AnnotationLine(x, true, false));
      chart.addAnnotation(new AnnotationText("\u2715 " + crash.what(), x, n - 0.5 + 0.05, false));
    }
    return png(chart);
  }

  /** Each client's operations as bars in its lane, a series per outcome in its colour. */
  private static void addSpans(XYChart chart, Timeline timeline, double xMaxSeconds) {
    List<String> lanes = timeline.lanes();
    float thickness = Math.max(4f, Math.min(14f, 120f / lanes.size()));
    double minWidth = xMaxSeconds / 400; // an instant operation still shows
    double gap = xMaxSeconds / 600; // a client's consecutive operations stay apart
    for (Timeline.Outcome outcome : Timeline.Outcome.values()) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (Timeline.Span span : timeline.spans()) {
        if (span.outcome() != outcome) {
          continue;
        }
        double y = lanes.indexOf(span.process());
        double start = span.startNanos() / 1e9;
        xs.add(start);
        ys.add(y);
        double end = span.endNanos() / 1e9;
        xs.add(Math.max(end - start > 3 * gap ? end - gap : end, start + minWidth));
        ys.add(y);
        xs.add(Double.NaN); // a gap before the next operation
        ys.add(Double.NaN);
      }
      if (!xs.isEmpty()) {
        XYSeries series = chart.addSeries(outcome.name(), xs, ys);
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color(outcome));
        series.setLineStyle(
            new BasicStroke(thickness, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
      }
    }
  }

  /**
   * Cumulative counts over time: transactions committed, records published and fraud checks made,
   * with the run's fault windows behind them. Where the lines part, events are late or missing.
   */
  static String progress(Truth truth, Instant startedAt, FaultWindows faults, double xMaxSeconds) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(300)
            .xAxisTitle("seconds since the run started")
            .build();
    style(chart.getStyler());
    timeAxis(chart, xMaxSeconds);
    int top =
        Math.max(
            1,
            Math.max(
                truth.committed().size(),
                Math.max(truth.published().size(), truth.checks().size())));
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(top * 1.1);
    for (int count : new int[] {0, top}) {
      chart.addAnnotation(
          new AnnotationText(String.valueOf(count), -LEFT_ROOM * xMaxSeconds / 2, count, false));
    }
    shadeFaults(chart, faults, 0, top * 1.1);
    cumulative(
        chart,
        "committed",
        truth.committed().stream().map(Truth.Committed::committedAt).toList(),
        startedAt,
        xMaxSeconds,
        COMMITTED);
    cumulative(
        chart,
        "published",
        truth.published().stream().map(Truth.Published::publishedAt).toList(),
        startedAt,
        xMaxSeconds,
        PUBLISHED);
    cumulative(
        chart,
        "fraud-checked",
        truth.checks().stream().map(Truth.Checked::checkedAt).toList(),
        startedAt,
        xMaxSeconds,
        CHECKED);
    return png(chart);
  }

  /** One group of bars per category, one bar per series; null values are left out as 0. */
  static String bars(
      int width,
      String yTitle,
      List<String> categories,
      List<String> series,
      List<List<Double>> values) {
    CategoryChart chart =
        new CategoryChartBuilder().width(width).height(340).yAxisTitle(yTitle).build();
    style(chart.getStyler());
    chart.getStyler().setLegendVisible(series.size() > 1);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setAvailableSpaceFill(0.7);
    chart.getStyler().setXAxisLabelRotation(categories.size() > 4 ? 20 : 0);
    chart.getStyler().setYAxisMin(0.0);
    // pairs of light and dark: a p50 and its p99 side by side
    Color[] palette = {
      new Color(0xce93d8), PUBLISHED, new Color(0xa5d6a7), CHECKED, new Color(0x90caf9), COMMITTED
    };
    for (int i = 0; i < series.size(); i++) {
      List<Double> row = values.get(i).stream().map(v -> v == null ? 0.0 : v).toList();
      chart
          .addSeries(series.get(i), categories, row)
          .setFillColor(series.size() == 1 ? COMMITTED : palette[i % palette.length]);
    }
    return png(chart);
  }

  static Color color(Timeline.Outcome outcome) {
    return switch (outcome) {
      case OK -> OK;
      case FAIL -> FAIL;
      case INFO -> INFO;
      case PENDING -> PENDING;
    };
  }

  static Color color(FaultWindows.Kind kind) {
    return switch (kind) {
      case NETWORK -> NETWORK_FAULT;
      case SERVICE -> SERVICE_DOWN;
      case SERVER -> SERVER_DOWN;
    };
  }

  /** CSS for a colour with its alpha: {@code rgba(229,57,53,0.18)}. */
  static String css(Color color) {
    return String.format(
        Locale.ROOT,
        "rgba(%d,%d,%d,%.2f)",
        color.getRed(),
        color.getGreen(),
        color.getBlue(),
        color.getAlpha() / 255.0);
  }

  private static void shadeFaults(XYChart chart, FaultWindows faults, double bottom, double top) {
    int i = 0;
    for (FaultWindows.Window window : faults.windows()) {
      double start = window.startNanos() / 1e9;
      double end = Math.max(window.endNanos() / 1e9, start);
      XYSeries band =
          chart.addSeries(
              "fault " + i++,
              new double[] {start, end, end, start},
              new double[] {bottom, bottom, top, top});
      band.setXYSeriesRenderStyle(XYSeriesRenderStyle.PolygonArea);
      band.setFillColor(color(window.kind()));
      band.setLineColor(new Color(0, 0, 0, 0));
      band.setMarker(SeriesMarkers.NONE);
      band.setShowInLegend(false);
    }
  }

  /** Names the windows wide enough to hold their name, at the top of their band. */
  private static void labelFaults(XYChart chart, FaultWindows faults, double y, double xMax) {
    for (FaultWindows.Window window : faults.windows()) {
      double start = window.startNanos() / 1e9;
      double end = window.endNanos() / 1e9;
      if (end - start >= xMax * window.fault().length() / 110.0) {
        chart.addAnnotation(new AnnotationText(window.fault(), (start + end) / 2, y, false));
      }
    }
  }

  private static void addPoints(
      XYChart chart,
      String name,
      List<Timeline.Step> steps,
      Predicate<Timeline.Step> which,
      double lane,
      Color color) {
    double[] xs = steps.stream().filter(which).mapToDouble(s -> s.atNanos() / 1e9).toArray();
    if (xs.length == 0) {
      return;
    }
    double[] ys = new double[xs.length];
    Arrays.fill(ys, lane);
    XYSeries series = chart.addSeries(name, xs, ys);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
    series.setMarker(SeriesMarkers.DIAMOND);
    series.setMarkerColor(color);
    series.setShowInLegend(false);
  }

  private static void cumulative(
      XYChart chart,
      String name,
      List<Instant> times,
      Instant startedAt,
      double xMaxSeconds,
      Color color) {
    List<Double> seconds =
        times.stream()
            .filter(Objects::nonNull)
            .map(t -> Fates.secondsSince(startedAt, t))
            .sorted()
            .toList();
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    xs.add(0.0);
    ys.add(0.0);
    for (int i = 0; i < seconds.size(); i++) {
      xs.add(Math.max(0, seconds.get(i)));
      ys.add((double) i + 1);
    }
    xs.add(xMaxSeconds);
    ys.add((double) seconds.size());
    XYSeries series = chart.addSeries(name + " (" + seconds.size() + ")", xs, ys);
    series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Step);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
    series.setLineWidth(2.5f);
  }

  /** The lanes' names: {@code client 0}, ..., {@code nemesis}. */
  static List<String> laneNames(List<String> lanes) {
    return lanes.stream().map(l -> l.equals("nemesis") ? l : "client " + l).toList();
  }

  /**
   * The shared time axis. Both charts of a run page leave their y axis unlabelled, so that their
   * plots line up; the room left of zero holds the lanes' names. XChart 4.0.3 widens the tick step
   * until every tick label differs, so each tick left of zero gets its own run of zero-width
   * spaces.
   */
  private static void timeAxis(XYChart chart, double xMaxSeconds) {
    chart.getStyler().setXAxisMin(-LEFT_ROOM * xMaxSeconds).setXAxisMax(xMaxSeconds);
    chart.getStyler().setYAxisTicksVisible(false);
    DecimalFormat seconds =
        new DecimalFormat("0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    chart
        .getStyler()
        .setxAxisTickLabelsFormattingFunction(
            value ->
                value < -1e-9
                    ? "\u200b"
                        .repeat((int) Math.min(20, 1 + Math.round(-value * 100 / xMaxSeconds)))
                    : seconds.format(Math.max(0, value)));
  }

  private static void style(AxesChartStyler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setPlotBorderVisible(false);
    styler.setPlotGridLinesColor(GRID);
    styler.setPlotGridLinesStroke(new BasicStroke(1f));
    styler.setChartFontColor(INK);
    styler.setAxisTickLabelsColor(INK);
    styler.setAxisTickLabelsFont(TICKS);
    styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    styler.setLegendBorderColor(GRID);
    styler.setLegendVisible(false);
    styler.setChartTitleVisible(false);
    styler.setChartPadding(8);
    styler.setAnnotationLineColor(INK);
    styler.setAnnotationLineStroke(new BasicStroke(1.5f));
    styler.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
    styler.setAnnotationTextFontColor(INK);
  }

  /**
   * Encodes the chart as an opaque PNG at a middling compression level: ImageIO's default level
   * spends three times as long for a file a tenth smaller, and a report has hundreds of charts.
   */
  private static String png(Chart<?, ?> chart) {
    BufferedImage drawn = BitmapEncoder.getBufferedImage(chart);
    BufferedImage opaque =
        new BufferedImage(drawn.getWidth(), drawn.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = opaque.createGraphics();
    g.drawImage(drawn, 0, 0, Color.WHITE, null);
    g.dispose();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.6f);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(opaque, null, null), param);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a chart", e);
    } finally {
      writer.dispose();
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
  }
}
