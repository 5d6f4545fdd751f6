-- What the operator's console changes in the ledger.

-- An operator's note on an event (the note that resolved a review, for one).
ALTER TABLE ledger_event ADD COLUMN note VARCHAR(2000);

-- An invoice taken out of the recycle bin. restore_count numbers the recycle/restore cycles, so
-- each cycle's RECYCLE_INVOICE and RESTORE_INVOICE events get a subject of their own under
-- ledger_event_once (the first cycle keeps the bare reason as its subject).
ALTER TABLE invoice ADD COLUMN restore_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE invoice ADD COLUMN restored_at TIMESTAMP WITH TIME ZONE;

-- The dead-letter list shows open ones first.
CREATE INDEX dead_letter_open ON dead_letter (replayed_at, created_at);
