"""fairmilk.register."""
