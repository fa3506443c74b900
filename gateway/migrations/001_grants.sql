-- The gateway's ledger (issue 19). Amounts are integer minor units (bigint); instants are timestamptz.

-- One row per agent of an account: the grant check locks it (SELECT … FOR UPDATE), so one
-- agent's grants are counted and inserted one at a time whatever the number of browsers.
CREATE TABLE agents (
  account text NOT NULL,
  agent_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account, agent_id)
);

-- Accepted grants: what the limits count.
CREATE TABLE grants (
  grant_id uuid PRIMARY KEY,
  account text NOT NULL,
  ticket text NOT NULL,
  agent_id text NOT NULL,
  customer_id text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  currency text NOT NULL,
  reason text NOT NULL,
  request_id uuid UNIQUE,
  note_id text NOT NULL,
  noted_at timestamptz NOT NULL,
  period_start timestamptz NOT NULL,
  period_end timestamptz NOT NULL,
  checked_at timestamptz NOT NULL,
  FOREIGN KEY (account, agent_id) REFERENCES agents (account, agent_id)
);
CREATE INDEX grants_agent_checked ON grants (account, agent_id, checked_at);
CREATE INDEX grants_account_checked ON grants (account, checked_at);

-- Refused submissions, one per grant id: the same forged id sent twice is one row.
CREATE TABLE refusals (
  id bigserial PRIMARY KEY,
  grant_id uuid NOT NULL UNIQUE,
  account text NOT NULL,
  ticket text NOT NULL,
  agent_id text,
  amount bigint,
  code text NOT NULL,
  message text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX refusals_account_at ON refusals (account, at);

-- At most one execution per grant: the row is claimed before the executor is called.
CREATE TABLE executions (
  grant_id uuid PRIMARY KEY REFERENCES grants (grant_id),
  executor text NOT NULL,
  state text NOT NULL CHECK (state IN ('started', 'executed', 'failed')),
  reference text,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL,
  executed_at timestamptz,
  written_back_at timestamptz
);
CREATE INDEX executions_pending ON executions (state, written_back_at);
