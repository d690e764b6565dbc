-- The inspector's migration 0027, as it creates the table.
CREATE TABLE tb_execution_trace (
    trace_id text PRIMARY KEY,
    parent_trace_id text,
    feature text NOT NULL,
    endpoint text NOT NULL,
    method text NOT NULL,
    ops_mode text NOT NULL,
    question text NOT NULL,
    status text NOT NULL DEFAULT 'success',
    duration_ms integer NOT NULL,
    request_payload jsonb,
    applied_assets jsonb,
    asset_versions jsonb,
    fallbacks jsonb,
    plan_raw jsonb,
    plan_validated jsonb,
    execution_steps jsonb,
    "references" jsonb,
    answer jsonb,
    ui_render jsonb,
    audit_links jsonb,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_execution_trace_created_at ON tb_execution_trace (created_at);
CREATE INDEX ix_execution_trace_parent ON tb_execution_trace (parent_trace_id);
