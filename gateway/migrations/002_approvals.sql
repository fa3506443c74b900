-- Approval requests the gateway has read from the helpdesk, and their one decision (issue 19).
-- A row is inserted once its request note is verified (private, by the agent it names, for
-- the ticket's requester); the decision is set once, under the row's lock.
CREATE TABLE approvals (
  request_id uuid PRIMARY KEY,
  account text NOT NULL,
  ticket text NOT NULL,
  agent_id text NOT NULL,
  customer_id text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  reason text NOT NULL,
  note_id text NOT NULL,
  requested_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  decision text CHECK (decision IN ('approve', 'decline')),
  decided_by text,
  decided_at timestamptz,
  CHECK ((decision IS NULL) = (decided_by IS NULL) AND (decision IS NULL) = (decided_at IS NULL)),
  -- The trust model's rule, held by the database too: nobody decides their own request.
  CHECK (decided_by IS NULL OR decided_by <> agent_id)
);
-- The review's period read, and the queue of undecided requests whatever their period.
CREATE INDEX approvals_account_requested ON approvals (account, requested_at);
CREATE INDEX approvals_account_pending ON approvals (account) WHERE decision IS NULL;
