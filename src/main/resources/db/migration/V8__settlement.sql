-- Money after delivery: Lazada's fee transactions, its payout statements, and each invoice's
-- settlement (gross, fees, refunds, net to receive, paid out or not).

-- One row per Lazada finance transaction; its transaction number is the key, so a re-read writes
-- nothing twice. Kept even before the ledger knows the order (attached_at is set once its
-- invoice exists); order_id is null for a seller-level charge that names no order.
CREATE TABLE fee_line (
    seller_id           VARCHAR(64)   NOT NULL,
    transaction_number  VARCHAR(64)   NOT NULL,
    order_id            VARCHAR(64),
    order_item_id       VARCHAR(64),
    fee_type            VARCHAR(32),
    fee_name            VARCHAR(200)  NOT NULL,
    kind                VARCHAR(16)   NOT NULL,   -- ITEM_PRICE, SHIPPING_CREDIT, FEE, REFUND
    amount              DECIMAL(18,2) NOT NULL,   -- signed: credits positive, charges negative
    vat_amount          DECIMAL(18,2) NOT NULL,   -- VAT included in the amount
    wht_amount          DECIMAL(18,2) NOT NULL,   -- withholding tax
    statement           VARCHAR(64),
    transaction_date    TIMESTAMP WITH TIME ZONE NOT NULL,
    read_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    attached_at         TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (seller_id, transaction_number),
    CONSTRAINT fee_line_kind CHECK (kind IN ('ITEM_PRICE', 'SHIPPING_CREDIT', 'FEE', 'REFUND'))
);
CREATE INDEX fee_line_by_order ON fee_line (order_id, seller_id);
CREATE INDEX fee_line_by_statement ON fee_line (seller_id, statement);
CREATE INDEX fee_line_unattached ON fee_line (seller_id, attached_at);

-- One row per payout statement, as Lazada last reported it; mismatch says what did not add up.
CREATE TABLE payout_statement (
    seller_id         VARCHAR(64)   NOT NULL,
    statement_number  VARCHAR(64)   NOT NULL,
    opening_balance   DECIMAL(18,2) NOT NULL,
    item_revenue      DECIMAL(18,2) NOT NULL,
    fees_total        DECIMAL(18,2) NOT NULL,
    refunds           DECIMAL(18,2) NOT NULL,
    closing_balance   DECIMAL(18,2) NOT NULL,
    payout            DECIMAL(18,2) NOT NULL,
    paid              BOOLEAN       NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE,   -- Lazada's
    updated_at        TIMESTAMP WITH TIME ZONE,   -- Lazada's
    read_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    paid_seen_at      TIMESTAMP WITH TIME ZONE,   -- when the ledger first saw it paid
    mismatch          VARCHAR(1000),
    PRIMARY KEY (seller_id, statement_number)
);
CREATE INDEX payout_statement_by_created ON payout_statement (seller_id, created_at);

-- Per invoice (same key), what its fee lines come to, and whether the statements holding them
-- are paid. Rebuilt from fee_line whenever a line or a statement of the order changes.
CREATE TABLE invoice_settlement (
    seller_id    VARCHAR(64)   NOT NULL,
    order_id     VARCHAR(64)   NOT NULL,
    gross        DECIMAL(18,2) NOT NULL,
    fees         DECIMAL(18,2) NOT NULL,
    refunds      DECIMAL(18,2) NOT NULL,
    net          DECIMAL(18,2) NOT NULL,
    status       VARCHAR(16)   NOT NULL,          -- AWAITING_PAYOUT, SETTLED
    statement    VARCHAR(64),                     -- the last statement paying it, once SETTLED
    settled_at   TIMESTAMP WITH TIME ZONE,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (order_id, seller_id),
    CONSTRAINT invoice_settlement_status CHECK (status IN ('AWAITING_PAYOUT', 'SETTLED'))
);
CREATE INDEX invoice_settlement_by_statement ON invoice_settlement (seller_id, statement);
