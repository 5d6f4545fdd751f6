-- The events outbox: ledger_event is the outbox itself (every change, written once, in the same
-- transaction as the document); this row holds how far the seller's own POS has acknowledged it,
-- and what the last attempt said. One row per target ('default').
CREATE TABLE pos_event_delivery (
    target             VARCHAR(32)   NOT NULL,
    delivered_up_to    BIGINT        NOT NULL,      -- the last acknowledged ledger_event.id
    delivered_at       TIMESTAMP WITH TIME ZONE,    -- when that acknowledgement came
    delivered_events   BIGINT        DEFAULT 0 NOT NULL,
    failed_attempts    BIGINT        DEFAULT 0 NOT NULL,  -- since the last acknowledgement
    last_error         VARCHAR(1000),
    last_error_status  INTEGER,
    last_error_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (target)
);
