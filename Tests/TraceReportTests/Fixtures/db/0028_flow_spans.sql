ALTER TABLE tb_execution_trace ADD COLUMN flow_spans jsonb;
