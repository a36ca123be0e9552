package dualwrite.bank.spi;

import dualwrite.bank.Bank;
import dualwrite.bank.BankUnavailable;
import dualwrite.bank.Component;
import dualwrite.bank.OutcomeUnknown;
import dualwrite.bank.Receipt;
import dualwrite.bank.TransactionFailed;
import dualwrite.bank.TransactionRequest;
import dualwrite.bank.crash.Crash;
import dualwrite.bank.crash.CrashPoint;
import dualwrite.bank.crash.Crashes;
import java.util.List;

/**
 * The bank component: a service whose instances record transactions, and the endpoint clients call.
 * While it is down, calls fail at once ({@link BankUnavailable}: nothing happened). When the
 * instance dies during a call, the client cannot know what happened ({@link OutcomeUnknown}),
 * whatever the dying instance was about to answer: a real client would see its connection reset.
 *
 * @param <I> the kind of instance
 */
public abstract class BankService<I extends Instance & Bank> extends InstanceService<I>
    implements Bank {

  protected BankService(Crashes crashes, List<CrashPoint> crashPoints) {
    super("bank", Component.BANK, crashes, crashPoints);
  }

  @Override
  public final Receipt record(TransactionRequest request) throws TransactionFailed {
    I instance = current();
    if (instance == null) {
      throw new BankUnavailable("the bank is down");
    }
    try {
      Receipt receipt = instance.record(request);
      if (current() != instance) {
        throw new OutcomeUnknown("the bank died before it could answer", null);
      }
      return receipt;
    } catch (Crash crash) {
      throw new OutcomeUnknown("the bank died at " + crash.point(), null);
    } catch (TransactionFailed | RuntimeException e) {
      if (current() != instance) {
        throw new OutcomeUnknown("the bank died during the call", e);
      }
      throw e;
    }
  }
}
