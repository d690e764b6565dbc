-- The golden-query tables as the application's models create them (not its migrations).
CREATE TABLE tb_golden_query (
    id text PRIMARY KEY, name text NOT NULL, query_text text NOT NULL, ops_type text NOT NULL,
    options jsonb, enabled text NOT NULL DEFAULT 'true', created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE tb_regression_baseline (
    id text PRIMARY KEY, golden_query_id text NOT NULL, baseline_trace_id text NOT NULL, baseline_status text,
    asset_versions jsonb, created_by text, created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE tb_regression_run (
    id text PRIMARY KEY, golden_query_id text NOT NULL, baseline_id text, candidate_trace_id text NOT NULL,
    baseline_trace_id text NOT NULL, judgment text NOT NULL, verdict_reason text, diff_summary jsonb,
    triggered_by text, trigger_info jsonb, execution_duration_ms integer, created_at timestamptz NOT NULL DEFAULT now()
);
-- The asset registry (migration 0022 and later): a row per asset, at most one published per type and name,
-- and the version history a republish in place (same id, version + 1) leaves.
CREATE TABLE tb_asset_registry (
    asset_id uuid PRIMARY KEY, asset_type text NOT NULL, name text NOT NULL, version integer NOT NULL,
    status text NOT NULL DEFAULT 'draft'
);
CREATE TABLE tb_asset_version_history (
    asset_id uuid NOT NULL, version integer NOT NULL, published_at timestamptz, rollback_from_version integer
);
