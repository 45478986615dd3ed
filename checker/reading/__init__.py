"""Reading: text, Word and PDF files -> one normalised source text with a map back to the
original places."""
