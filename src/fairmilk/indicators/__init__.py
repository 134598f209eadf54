"""fairmilk.indicators."""
