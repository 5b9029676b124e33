# src/extract: files are listed here
