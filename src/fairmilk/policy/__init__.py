"""fairmilk.policy."""
