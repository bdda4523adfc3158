"""What the program says to a person, one module per area, so a reviewer reads it in one place."""
