"""Unicode data: the UCD files parsed once, properties, confusables, grapheme clusters, the table cache."""
