"""The foundation every layer uses: languages, findings and errors, vocabulary, dates, safe text."""
