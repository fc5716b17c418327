"""Running the theme notebooks: parameters checked first, cached runs reused, the rest executed."""
