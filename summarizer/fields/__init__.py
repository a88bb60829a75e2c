"""One module per report field: its finder, its decisions and the model question it may ask."""
