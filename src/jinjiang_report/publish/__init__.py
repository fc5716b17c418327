"""From executed notebooks to the published book: gathering, Jupyter Book, atomic publish, PDF."""
