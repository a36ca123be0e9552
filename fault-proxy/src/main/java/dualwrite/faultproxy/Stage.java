package dualwrite.faultproxy;

import java.util.concurrent.ThreadLocalRandom;

/**
 * One toxic on one pipe: the queue in front of it, its toxicity roll and its per-connection
 * behaviour. Guarded by the pipe's lock.
 */
final class Stage {
  final ChunkQueue input;
  Toxic toxic;
  Behaviour behaviour;
  boolean closed;

  /** limit_data's count; it lives as long as the toxic stays on this pipe, across changes. */
  long bytesPassed;

  Stage(Toxic toxic, long now) {
    this.input = new ChunkQueue(toxic.type().queueCapacity());
    this.toxic = toxic;
    this.behaviour = roll(toxic, now);
  }

  /**
   * Restarts the toxic, maybe with new settings: what it holds moves on, toxicity is rolled again.
   */
  void restart(Toxic changed, ChunkQueue out, long now) {
    if (!closed) {
      behaviour.interrupt(input, out);
    }
    boolean keep = behaviour.survivesRestart();
    toxic = changed;
    Behaviour rolled = roll(changed, now);
    if (!keep) {
      behaviour = rolled;
    }
  }

  /** When a close this toxic has begun will come, removed or not; {@link Behaviour#IDLE}: none. */
  long closeCommittedAt() {
    return closed ? Behaviour.IDLE : behaviour.closeCommittedAt();
  }

  long advance(long now, ChunkQueue out) {
    if (closed) {
      return Behaviour.IDLE;
    }
    long wake = behaviour.advance(now, input, out);
    if (out.ended()) {
      // The stream ended here or after here: like a closed Toxiproxy stub, take nothing more.
      closed = true;
      input.block();
    }
    return wake;
  }

  private Behaviour roll(Toxic toxic, long now) {
    boolean active = ThreadLocalRandom.current().nextFloat() < toxic.toxicity();
    return active ? toxic.type().start(this, now) : Behaviour.PASS_THROUGH;
  }
}
