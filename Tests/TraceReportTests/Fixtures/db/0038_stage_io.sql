ALTER TABLE tb_execution_trace ADD COLUMN route text;
ALTER TABLE tb_execution_trace ADD COLUMN stage_inputs jsonb;
ALTER TABLE tb_execution_trace ADD COLUMN stage_outputs jsonb;
ALTER TABLE tb_execution_trace ADD COLUMN replan_events jsonb;
