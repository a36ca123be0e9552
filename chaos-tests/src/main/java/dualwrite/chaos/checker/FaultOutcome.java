package dualwrite.chaos.checker;

import com.fasterxml.jackson.annotation.JsonInclude;
import dualwrite.bank.Component;
import dualwrite.chaos.env.Link;
import dualwrite.chaos.env.Server;
import dualwrite.chaos.history.FaultSpan;
import dualwrite.chaos.history.Op;
import dualwrite.chaos.scenario.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether one fault of a run landed: whether the component it targets was doing the work the fault
 * is about while the fault was on. A green verdict is worth only the faults that landed.
 *
 * <ul>
 *   <li>A crash, stall or fault armed at a crash point lands when the point is reached: the
 *       component was right there, doing that work. Disarmed at the heal, it missed.
 *   <li>A network fault (a disabled proxy or a toxic) lands when the component behind the link had
 *       work while it was on: the bank an open request, the relay a committed event not yet
 *       published, the fraud service a published event not yet checked. A link the variant never
 *       connects through cannot land.
 *   <li>A kill lands when the killed service's component had such work while it was down.
 *   <li>A server fault (kill, pause, stop) lands when any component that uses the server had work
 *       while it was down.
 * </ul>
 *
 * @param step the fault as the scenario tells it: {@code down(relay->kafka)}
 * @param kind its kind, as coverage counts it: {@code down}, {@code latency}, {@code crash}, {@code
 *     kill(kafka)}, ...
 * @param target what it hit: a link, a crash point ({@code relay:after-publish}), a service or a
 *     server
 * @param landed whether it met the work it targets
 * @param evidence what it met, or why it missed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultOutcome(
    String step, String kind, String target, boolean landed, String evidence) {

  /**
   * Judges every fault of a history.
   *
   * @param startedAt the wall-clock time of the history's nanosecond 0
   * @param truth what the servers hold, or null when it could not be read
   * @param linksInUse the links the deployment connected through, or null when unknown
   */
  public static List<FaultOutcome> judge(
      List<Op> history, Instant startedAt, Truth truth, Set<Link> linksInUse) {
    return judgeSpans(history, startedAt, truth, linksInUse).stream().map(Judged::outcome).toList();
  }

  /** A fault's span in the history, and its outcome. */
  record Judged(FaultSpan span, FaultOutcome outcome) {}

  /** Judges every fault of a history, keeping each one's span (see {@link #judge}). */
  static List<Judged> judgeSpans(
      List<Op> history, Instant startedAt, Truth truth, Set<Link> linksInUse) {
    Work work = Work.of(history, startedAt, truth);
    List<Judged> judged = new ArrayList<>();
    for (FaultSpan span : FaultSpan.of(history)) {
      judged.add(new Judged(span, judge(span, work, linksInUse)));
    }
    return List.copyOf(judged);
  }

  static FaultOutcome judge(FaultSpan span, Work work, Set<Link> linksInUse) {
    Step step = span.step();
    if (span.armed()) {
      return span.tookEffect()
          ? landed(span, "reached " + span.target() + " at " + Work.Seconds.of(span.startNanos()))
          : missed(span, span.notReached() + " (" + span.target() + ")");
    }
    long from = span.startNanos();
    long to = span.endNanos();
    if (step instanceof Step.Inject inject) {
      Link link = inject.fault().link();
      if (linksInUse != null && !linksInUse.contains(link.whole())) {
        return missed(span, "nothing in this deployment connects through " + link);
      }
      return byWork(span, List.of(link.component()), work, from, to);
    }
    if (step instanceof Step.Kill) {
      return byWork(span, List.of(span.component().orElseThrow()), work, from, to);
    }
    Server server = span.server().orElseThrow();
    List<Component> users =
        Arrays.stream(Component.values())
            .filter(c -> linksInUse == null || linksInUse.contains(Link.of(c, server)))
            .toList();
    return byWork(span, users, work, from, to);
  }

  private static FaultOutcome byWork(
      FaultSpan span, List<Component> components, Work work, long from, long to) {
    for (Component component : components) {
      Optional<String> met = work.during(component, from, to);
      if (met.isPresent()) {
        return landed(span, component + ": " + met.get());
      }
    }
    return missed(
        span,
        "no work for "
            + String.join(" or ", components.stream().map(Component::label).toList())
            + " between "
            + Work.Seconds.of(from)
            + " and "
            + Work.Seconds.of(to));
  }

  private static FaultOutcome landed(FaultSpan span, String evidence) {
    return new FaultOutcome(span.step().describe(), span.kind(), span.target(), true, evidence);
  }

  private static FaultOutcome missed(FaultSpan span, String why) {
    return new FaultOutcome(span.step().describe(), span.kind(), span.target(), false, why);
  }
}
