-- Two indexes every document pays for on each transition and no query reads: documents by updated_at
-- alone (the console's and the runbook's reads go by status and updated_at, idx_documents_status_updated)
-- and attempts by finished_at alone (the leading column of idx_attempts_finished_outcome, which serves
-- the same ranges). A document's claim and completion each update its row, and every index of the row
-- takes a new entry; an attempt row is inserted into each of its indexes.
DROP INDEX idx_documents_updated_at;
DROP INDEX idx_attempts_finished_at;
