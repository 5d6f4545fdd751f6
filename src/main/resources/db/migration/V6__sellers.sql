-- Several sellers in one runtime, several runtimes on one ledger.
-- Instants are TIMESTAMP WITH TIME ZONE written in UTC.

-- The sellers this ledger syncs; their tokens are in seller_token under the same id. A
-- disconnected seller keeps its orders and history, loses its tokens, and is neither polled nor
-- accepted in pushes until it is connected again.
CREATE TABLE seller (
    seller_id        VARCHAR(64)  NOT NULL,
    country          VARCHAR(2)   NOT NULL,            -- ID, TH, VN, SG, MY, PH: business dates, currency, API host
    name             VARCHAR(200),                     -- the operator's label, optional
    status           VARCHAR(16)  NOT NULL,            -- ACTIVE, DISCONNECTED
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    disconnected_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (seller_id),
    CONSTRAINT seller_status CHECK (status IN ('ACTIVE', 'DISCONNECTED'))
);

-- The pushes of one order are processed by one instance at a time: the instance that claims an
-- order's inbox rows first inserts this row (the key refuses a second claim, whichever instance
-- tries), and deletes it when the rows are done or failed. A claim of an instance that died is
-- released after the claim timeout.
CREATE TABLE push_order_claim (
    order_id    VARCHAR(64)  NOT NULL,
    seller_id   VARCHAR(64)  NOT NULL,
    claim_id    VARCHAR(40)  NOT NULL,
    claimed_by  VARCHAR(100) NOT NULL,
    claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (order_id, seller_id)
);
CREATE INDEX push_order_claim_by_claim ON push_order_claim (claim_id);
CREATE INDEX push_order_claim_by_time ON push_order_claim (claimed_at);

-- The console lists one seller's dead letters.
CREATE INDEX dead_letter_by_seller ON dead_letter (seller_id, created_at);
