-- The POS ledger. Every table is keyed by (order_id, seller_id): Lazada order ids are unique
-- only within one seller. The order id leads the keys so that a batch's lookup of many orders
-- (order_id IN (...)) is an index probe per order, not a scan of the seller's orders.
-- Instants are TIMESTAMP WITH TIME ZONE written in UTC; money is DECIMAL.

-- One row per Lazada order: where it stands, and the snapshot last applied.
CREATE TABLE pos_order (
    seller_id          VARCHAR(64)  NOT NULL,
    order_id           VARCHAR(64)  NOT NULL,
    order_number       VARCHAR(64)  NOT NULL,
    stage              VARCHAR(32)  NOT NULL,
    tab                VARCHAR(32)  NOT NULL,
    lazada_statuses    VARCHAR(512) NOT NULL,
    lazada_updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    fingerprint        VARCHAR(64)  NOT NULL,
    progress           INTEGER      NOT NULL,      -- how far its items went, to order same-second snapshots
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    business_date      DATE         NOT NULL,
    currency           VARCHAR(3)   NOT NULL,
    price              DECIMAL(18,2) NOT NULL,
    voucher            DECIMAL(18,2) NOT NULL,
    shipping_fee       DECIMAL(18,2) NOT NULL,
    first_seen_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    synced_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_source        VARCHAR(16)  NOT NULL,
    PRIMARY KEY (order_id, seller_id)
);

-- One row per order ever seen, created outside the order's transaction: the transaction locks it
-- first, so two sources applying the same order (poll and push, two instances) take turns.
CREATE TABLE order_lock (
    seller_id  VARCHAR(64) NOT NULL,
    order_id   VARCHAR(64) NOT NULL,
    lock_seq   BIGINT DEFAULT 0 NOT NULL,
    PRIMARY KEY (order_id, seller_id)
);
CREATE INDEX pos_order_by_tab ON pos_order (tab, lazada_updated_at);
CREATE INDEX pos_order_by_update ON pos_order (seller_id, lazada_updated_at);

-- An order the buyer has not paid yet.
CREATE TABLE sales_order (
    seller_id      VARCHAR(64) NOT NULL,
    order_id       VARCHAR(64) NOT NULL,
    number         VARCHAR(80) NOT NULL,
    status         VARCHAR(16) NOT NULL,          -- OPEN, CONVERTED, VOID
    currency       VARCHAR(3)  NOT NULL,
    total          DECIMAL(18,2) NOT NULL,
    business_date  DATE        NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    converted_at   TIMESTAMP WITH TIME ZONE,
    voided_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (order_id, seller_id),
    CONSTRAINT sales_order_status CHECK (status IN ('OPEN', 'CONVERTED', 'VOID')),
    CONSTRAINT sales_order_of_order FOREIGN KEY (order_id, seller_id) REFERENCES pos_order (order_id, seller_id)
);

-- The invoice of a paid order. The primary key makes a second invoice for an order impossible.
CREATE TABLE invoice (
    seller_id        VARCHAR(64) NOT NULL,
    order_id         VARCHAR(64) NOT NULL,
    number           VARCHAR(80) NOT NULL,
    payment_status   VARCHAR(16) NOT NULL,        -- UNPAID, PAID
    delivery_status  VARCHAR(16) NOT NULL,        -- UNSENT, SENT
    recycled         BOOLEAN DEFAULT FALSE NOT NULL,
    recycle_reason   VARCHAR(32),
    currency         VARCHAR(3)  NOT NULL,
    lines_total      DECIMAL(18,2) NOT NULL,
    shipping         DECIMAL(18,2) NOT NULL,
    total            DECIMAL(18,2) NOT NULL,
    business_date    DATE        NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE,
    paid_at          TIMESTAMP WITH TIME ZONE,
    recycled_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (order_id, seller_id),
    CONSTRAINT invoice_payment CHECK (payment_status IN ('UNPAID', 'PAID')),
    CONSTRAINT invoice_delivery CHECK (delivery_status IN ('UNSENT', 'SENT')),
    CONSTRAINT invoice_of_order FOREIGN KEY (order_id, seller_id) REFERENCES pos_order (order_id, seller_id)
);
CREATE INDEX invoice_recycled ON invoice (recycled, recycled_at);

-- One line per Lazada order item (one unit each). A removed line stays, flagged, out of the totals.
CREATE TABLE order_line (
    seller_id        VARCHAR(64)  NOT NULL,
    order_id         VARCHAR(64)  NOT NULL,
    order_item_id    VARCHAR(64)  NOT NULL,
    sku              VARCHAR(200),
    name             VARCHAR(500),
    amount           DECIMAL(18,2) NOT NULL,
    shipping_amount  DECIMAL(18,2) NOT NULL,
    status           VARCHAR(64)  NOT NULL,
    removed          BOOLEAN DEFAULT FALSE NOT NULL,
    removed_reason   VARCHAR(32),
    PRIMARY KEY (order_id, seller_id, order_item_id),
    CONSTRAINT line_of_order FOREIGN KEY (order_id, seller_id) REFERENCES pos_order (order_id, seller_id)
);

-- Orders that need a person, one row per reason.
CREATE TABLE review (
    seller_id    VARCHAR(64)  NOT NULL,
    order_id     VARCHAR(64)  NOT NULL,
    reason       VARCHAR(32)  NOT NULL,
    detail       VARCHAR(1000),
    due_at       TIMESTAMP WITH TIME ZONE,
    opened_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at  TIMESTAMP WITH TIME ZONE,
    note         VARCHAR(2000),
    PRIMARY KEY (order_id, seller_id, reason),
    CONSTRAINT review_of_order FOREIGN KEY (order_id, seller_id) REFERENCES pos_order (order_id, seller_id)
);
CREATE INDEX review_open ON review (resolved_at, opened_at);

-- The audit trail: every POS change once. The unique key is the last guard against a double write.
CREATE TABLE ledger_event (
    id                 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    seller_id          VARCHAR(64)  NOT NULL,
    order_id           VARCHAR(64)  NOT NULL,
    type               VARCHAR(32)  NOT NULL,
    subject            VARCHAR(128) DEFAULT '' NOT NULL,
    occurred_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    source             VARCHAR(16)  NOT NULL,
    lazada_updated_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT ledger_event_once UNIQUE (order_id, seller_id, type, subject)
);
CREATE INDEX ledger_event_by_order ON ledger_event (order_id, seller_id, id);
CREATE INDEX ledger_event_by_time ON ledger_event (occurred_at);

-- Per-seller sync positions (the poll watermark and friends).
CREATE TABLE sync_state (
    seller_id   VARCHAR(64)  NOT NULL,
    state_key    VARCHAR(64)  NOT NULL,
    state_value  VARCHAR(200) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (seller_id, state_key)
);

-- What could not be processed, kept for an operator with the error and the input.
CREATE TABLE dead_letter (
    id             BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    seller_id      VARCHAR(64),
    order_id       VARCHAR(64),
    source         VARCHAR(32)  NOT NULL,
    error_class    VARCHAR(200) NOT NULL,
    error_message  VARCHAR(2000),
    payload        VARCHAR(1100000),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    replayed_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX dead_letter_by_time ON dead_letter (created_at);
