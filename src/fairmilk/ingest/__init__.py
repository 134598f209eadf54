"""fairmilk.ingest."""
