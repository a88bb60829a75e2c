"""Word lists as data, one module per purpose, loaded once."""
