package io.lazadapos.ledger;

import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure of the ledger itself (a database that is away for a moment: retry, and stop the
 * poll rather than lose anything) from a failure of an order's own data (keep it for an operator
 * and go on with the others).
 */
public final class LedgerFailures {

    public boolean isLedgerAway(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // A connection lost mid-transaction shows as a failed commit or rollback.
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof TransactionSystemException
                    || t instanceof TransientDataAccessException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

    public boolean isOrdersOwn(Throwable error) {
        return error != null && !isLedgerAway(error);
    }

    /** Lets a ledger failure go on up (to retries and the poll's stop); an order's own failure stays caught. */
    public void rethrowIfLedgerAway(Throwable error) throws Exception {
        if (isLedgerAway(error)) {
            throw error instanceof Exception e ? e : new IllegalStateException(error);
        }
    }
}
