"""From executed notebooks to the published book: staging, Jupyter Book, atomic publish, PDF."""
