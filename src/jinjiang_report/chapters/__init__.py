"""What a theme notebook calls inside its kernel: its facts as prose values, tables and charts."""
