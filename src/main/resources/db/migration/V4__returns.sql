-- Returns and refund-only requests (Lazada's reverse orders) on delivered orders.

-- One row per reverse order: the case a person looks at.
CREATE TABLE return_case (
    seller_id         VARCHAR(64)  NOT NULL,
    reverse_order_id  VARCHAR(64)  NOT NULL,
    order_id          VARCHAR(64)  NOT NULL,
    request_type      VARCHAR(32)  NOT NULL,       -- RETURN, ONLY_REFUND
    state             VARCHAR(16)  NOT NULL,       -- OPEN, REFUNDED, CANCELLED, REJECTED
    reverse_status    VARCHAR(200) NOT NULL,       -- Lazada's reverse statuses of its lines
    refund_amount     DECIMAL(18,2) NOT NULL,      -- major units (Lazada sends minor units except VND)
    reason            VARCHAR(500),
    lazada_modified_at TIMESTAMP WITH TIME ZONE,
    opened_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at         TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (seller_id, reverse_order_id),
    CONSTRAINT return_case_state CHECK (state IN ('OPEN', 'REFUNDED', 'CANCELLED', 'REJECTED'))
);
CREATE INDEX return_case_by_order ON return_case (order_id, seller_id);

-- The returned lines of a case; an active line makes its delivered item count as returned.
CREATE TABLE return_line (
    seller_id              VARCHAR(64)  NOT NULL,
    reverse_order_line_id  VARCHAR(64)  NOT NULL,
    reverse_order_id       VARCHAR(64)  NOT NULL,
    order_id               VARCHAR(64)  NOT NULL,
    order_item_id          VARCHAR(64)  NOT NULL,
    reverse_status         VARCHAR(64)  NOT NULL,
    refund_amount          DECIMAL(18,2) NOT NULL,
    reason                 VARCHAR(500),
    active                 BOOLEAN      NOT NULL,
    lazada_modified_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (seller_id, reverse_order_line_id)
);
CREATE INDEX return_line_by_order ON return_line (order_id, seller_id, active);
