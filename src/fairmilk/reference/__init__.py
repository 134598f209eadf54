"""fairmilk.reference."""
